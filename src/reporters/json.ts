import type { FileResult, Finding } from '../engine/types.js';
import type { Range } from '../model/types.js';
import type { Reporter } from './types.js';
import { sortFindings } from './types.js';

/** The machine contract of DESIGN.md "Diagnostics": 1-based lines and columns, exclusive ends. */
export interface JsonFileResult {
  filePath: string;
  diagnostics: JsonDiagnostic[];
}

export interface JsonPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonDiagnostic extends JsonPosition {
  ruleId: string;
  codes: string[];
  severity: Finding['severity'];
  message: string;
  fix?: JsonFix;
}

export interface JsonFix {
  edits: (JsonPosition & { text: string })[];
  safe: boolean;
}

/** Keys are built in contract order, and only the contract's keys (no `related`, no fix description). */
export function toJson(results: FileResult[]): JsonFileResult[] {
  return results.map((result) => ({
    filePath: result.filePath,
    diagnostics: sortFindings(result.findings).map(toDiagnostic),
  }));
}

function toDiagnostic(finding: Finding): JsonDiagnostic {
  const diagnostic: JsonDiagnostic = {
    ruleId: finding.ruleId,
    codes: [...finding.codes],
    severity: finding.severity,
    message: finding.message,
    ...oneBased(finding.range),
  };
  if (finding.fix) {
    diagnostic.fix = {
      edits: finding.fix.edits.map((edit) => ({ ...oneBased(edit.range), text: edit.text })),
      safe: finding.fix.safe,
    };
  }
  return diagnostic;
}

function oneBased(range: Range): JsonPosition {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export const json: Reporter = (results) => `${JSON.stringify(toJson(results))}\n`;
export default json;
