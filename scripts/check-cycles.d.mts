/** Every import cycle among the files under root, each as its files relative to root. */
export declare function findCycles(root: string): string[][]
/** The specifiers of a file's imports that run at load time (not `import type`, not `import()`). */
export declare function loadTimeImports(code: string): string[]
