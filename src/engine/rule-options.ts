/** The options of a rule whose only option switches checks per tool: `{ tools: { curl: true, ... } }`. */
export function perToolOptions(tools: readonly string[]): {
  schema: Record<string, unknown>;
  defaults: Record<string, unknown>;
  docs: Record<string, string>;
} {
  return {
    schema: {
      type: 'object',
      properties: { tools: { type: 'object', properties: Object.fromEntries(tools.map((tool) => [tool, { type: 'boolean' }])), additionalProperties: false } },
      additionalProperties: false,
    },
    defaults: { tools: Object.fromEntries(tools.map((tool) => [tool, true])) },
    docs: { tools: `Map of ${tools.map((tool) => `\`${tool}\``).join(', ')} to a boolean; \`false\` stops checking that tool.` },
  };
}
