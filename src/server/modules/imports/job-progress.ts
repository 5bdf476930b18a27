/** What an import's plan, commit or rollback needs of the job running it: report progress, and notice an abort. */
export interface JobProgress {
  reportProgress(progress: unknown): Promise<void>;
  signal: AbortSignal;
}
