/** Where and how the projector runs; `ProjectorService` picks one per kind of event store. */
export interface ProjectorMode {
  /** Starts projecting; resolves once the API may answer from the read models. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the read models are reset and being rebuilt. */
  rebuild(): Promise<void>;
}
