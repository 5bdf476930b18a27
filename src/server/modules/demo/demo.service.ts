import type { Services } from '../../container.ts';
import type { Db } from '../../db/connection.ts';
import { systemActor } from '../../platform/actor.ts';
import { loadCoaching } from './coaching-world.ts';
import { loadCollege } from './college-world.ts';
import { DemoKit, type Persona } from './demo-kit.ts';
import { loadStatewide } from './statewide-world.ts';

/** Signs in every persona of the demo; long enough for any tenant's policy, and plainly a demo's. */
export const demoPassword = 'Registrar-Demo-2026';

export interface DemoOptions {
  /** Community partners imported into the statewide world (default 3,000). */
  partners?: number;
  log?: (line: string) => void;
  /** The services with a clock in the past, for history that should look old. */
  past?: Services;
}

/**
 * `registrar demo`: three tenants shaped like the three guides, loaded through the services. Running
 * it again finds what is there and adds only what is missing. Needs a running job runner (imports).
 */
export class DemoService {
  constructor(
    private readonly db: Db,
    private readonly services: Services,
  ) {}

  async load(options: DemoOptions = {}): Promise<{ personas: Persona[]; password: string }> {
    const kit = new DemoKit(
      this.db,
      this.services,
      systemActor('cli', 'demo'),
      demoPassword,
      options.log ?? (() => undefined),
      options.past,
    );
    await loadStatewide(kit, options.partners ?? 3000);
    await loadCollege(kit);
    await loadCoaching(kit);
    return { personas: kit.personas, password: demoPassword };
  }
}
