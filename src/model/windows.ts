import type { InstructionNode, Stage } from './types.js';

const WINDOWS_IMAGE = /^mcr\.microsoft\.com\/(?:windows|dotnet\/framework\/)|servercore|nanoserver/i;
const WINDOWS_TAG = /ltsc20|windowsservercore/i;
const WINDOWS_SHELL = /(^|[\\/])(powershell|pwsh|cmd)(\.exe)?$/i;

/** RULES.md §0.5 "Windows stages": platform, base image, SHELL, or a Windows parent. */
export function isWindowsStage(stage: Stage): boolean {
  if (stage.platform?.value?.toLowerCase().startsWith('windows')) return true;
  if (stage.parent?.windows) return true;
  const base = stage.base;
  if (base.kind === 'image') {
    const path = `${base.explicitRegistry ? `${base.registry}/` : ''}${base.name}`;
    if (WINDOWS_IMAGE.test(path) || WINDOWS_TAG.test(base.tag ?? '')) return true;
  }
  return stage.instructions.some(setsWindowsShell);
}

/** Whether an instruction is a SHELL whose program is PowerShell or cmd. */
export function setsWindowsShell(node: InstructionNode): boolean {
  const shell = node.keyword === 'SHELL' ? node.json?.strings[0]?.value : undefined;
  return shell !== undefined && WINDOWS_SHELL.test(shell);
}
