import { defineRule } from '../src/engine/types.js';
import { isChecksumOrSignatureFile, recognizeDownload, runVerifies, type Download } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';

export default defineRule({
  meta: {
    id: 'verify-download-integrity',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['all'],
    description: 'A RUN downloads a file with curl or wget and never verifies its checksum or signature',
    rationale:
      'TLS proves who served a file, not that it is the file that was reviewed: a compromised release page or mirror ' +
      'serves a different binary over valid HTTPS. A checksum or signature check in the same RUN fails the build ' +
      'instead of shipping the substitute.',
    fixable: undefined,
    securitySeverity: 5.3,
    alsoKnownAs: ['cis:4.11', 'cis:4.12'],
    examples: {
      invalid: ['FROM alpine:3.22\nRUN wget -q https://example.com/tool.tar.gz && tar xzf tool.tar.gz && rm tool.tar.gz\nUSER nobody\n'],
      valid: [
        'FROM alpine:3.22\nRUN curl -fsSLo tool.tgz https://example.com/tool.tgz \\\n && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  tool.tgz" | sha256sum -c - \\\n && tar xzf tool.tgz && rm tool.tgz\nUSER nobody\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      const analysis = analyzeRun(file, node);
      if (!analysis.posix) continue;
      const downloads: Download[] = [];
      for (const command of analysis.commands) {
        const download = recognizeDownload(command);
        if (download !== undefined && !download.toStdout) downloads.push(download);
      }
      if (downloads.length === 0 || runVerifies(analysis.commands)) continue;
      for (const download of downloads) {
        // Checksum, signature and key files are what a verification reads: the output name decides, else the URLs.
        const names = download.outputs.length > 0 ? download.outputs : download.urls.map((word) => word.value);
        if (names.length > 0 && names.every(isChecksumOrSignatureFile)) continue;
        context.report({ message: 'This download is not verified; check its checksum or signature in the same RUN', range: download.command.range, codes: [] });
      }
    }
  },
});
