import { ErrorCodes } from '../../../common/error-codes.ts';
import { invalid } from '../../platform/errors.ts';

/**
 * When the tenant asks people to confirm a sentence before creating accounts, the request must say
 * `attested: true`. Answers whether the request attested (the audit event records the sentence).
 */
export function requireAttestation(sentence: string | null, attested: boolean | undefined, exempt = false): boolean {
  if (!sentence || exempt) return attested === true;
  // The field's message is the sentence itself, so a form can show the box to tick with its words.
  if (attested !== true) throw invalid(`Confirm first: “${sentence}”`, { fields: { attested: sentence } }, ErrorCodes.attestationRequired);
  return true;
}
