import { Command } from '../shared/decider';
import { IssuerSnapshot } from '../learner/learner.commands';

/** What an issuer submits, already typed by the HTTP layer; minCredits is integer hundredths. */
export interface PathwayInput {
  title: string;
  description?: string;
  minCredits: number;
  minCredentials: number;
  minLevel: number;
  requiredSkills: string[];
  acceptedIssuers: string[];
  maxCredentialAgeDays?: number;
}

interface PathwayCommandData {
  pathwayId: string;
  issuer: IssuerSnapshot;
  /** The status of every issuer named in `input.acceptedIssuers`, as the caller read it. */
  acceptedIssuers: IssuerSnapshot[];
  input: PathwayInput;
  at: string;
}

export type DefinePathway = Command<'DefinePathway', PathwayCommandData>;

export type RedefinePathway = Command<'RedefinePathway', PathwayCommandData>;

export type PathwayCommand = DefinePathway | RedefinePathway;
