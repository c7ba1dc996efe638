export interface BuildPart {
  name: string;
  script: string;
  entry: string;
  sources: string[];
}
export declare const BROWSER_BUILD: BuildPart;
export declare const SERVER_BUILD: BuildPart;
export declare function buildState(root: string, build: BuildPart): 'missing' | 'stale' | 'fresh';
export declare function devToolingInstalled(root: string): boolean;
