import { ESLint } from 'eslint'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
let eslint: ESLint | null = null

/** The project's own lint config run on a snippet as if it were the file at `path`. */
export async function lintAs(path: string, code: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: ROOT })
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}
