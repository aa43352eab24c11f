// The shape of a CLI command: a name, a help text and a run function returning the exit code.
export interface Command {
  readonly name: string
  readonly summary: string
  help(): string
  run(args: string[]): Promise<number>
}
