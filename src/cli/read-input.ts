import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/** Reads a file, or standard input when the path is '-' or absent. */
export async function readTextInput(file: string | undefined): Promise<{ text: string; name: string }> {
  if (!file || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), name: '标准输入' };
  }
  try {
    return { text: await readFile(file, 'utf8'), name: file };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`文件不存在：${file}`);
    if (code === 'EISDIR') throw new CliError(`${file} 是目录，不是文件`);
    throw new CliError(`无法读取文件 ${file}：${(err as Error).message}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
