/**
 * The bash completion script (zsh loads the same one through bashcompinit): the command tree as
 * case tables, and one function that finds where on the command line the cursor is. Written for
 * bash 3.2 (macOS) as much as for bash 5: no associative arrays, no ;& fall-through.
 */
import type { CompletionModel, ValueModel } from './model';

/** A word as a single-quoted shell string. */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `words`, or `@kind` for names the script asks elbctl for, or `@file`. */
const valueSpec = (v: ValueModel) => (v.completes ? `@${v.completes}` : v.words.join(' '));

/** A case table: each row is a shell pattern (already quoted) and the words it answers. */
function caseTable(name: string, doc: string, subject: string, rows: ReadonlyArray<[string, string]>): string {
  const body = rows.map(([pattern, value]) => `    ${pattern}) echo ${sq(value)} ;;`).join('\n');
  return `# ${doc}\n${name}() {\n  case ${subject} in\n${body}\n  esac\n}\n`;
}

function bashFunctions(model: CompletionModel): string {
  const globalFlags = model.globals.flatMap((f) => f.names);
  const takesValue = [
    ...model.commands.flatMap((c) =>
      c.flags.filter((f) => f.takesValue).flatMap((f) => f.names.map((n) => sq(`${c.path} ${n}`))),
    ),
    // A global flag, after any command path.
    ...model.globals.filter((f) => f.takesValue).flatMap((f) => f.names.map((n) => `*${sq(` ${n}`)}`)),
  ];
  const flagValues: Array<[string, string]> = [
    ...model.commands.flatMap((c) =>
      c.flags
        .filter((f) => f.takesValue && valueSpec(f) !== '')
        .flatMap((f) => f.names.map((n): [string, string] => [sq(`${c.path} ${n}`), valueSpec(f)])),
    ),
    ...model.globals
      .filter((f) => f.takesValue && valueSpec(f) !== '')
      .flatMap((f) => f.names.map((n): [string, string] => [`*${sq(` ${n}`)}`, valueSpec(f)])),
  ];
  const argValues: Array<[string, string]> = model.commands.flatMap((c) =>
    c.args.flatMap((a, i): Array<[string, string]> => {
      const spec = valueSpec(a);
      if (spec === '') return [];
      // A variadic argument takes every position from its own on.
      return [[a.variadic ? `${sq(`${c.path} `)}*` : sq(`${c.path} ${i}`), spec]];
    }),
  );
  return [
    caseTable(
      '_elbctl_commands',
      'the subcommands of a command path',
      '"$1"',
      model.commands
        .filter((c) => c.commands.length > 0)
        .map((c): [string, string] => [sq(c.path), c.commands.join(' ')]),
    ),
    caseTable('_elbctl_flags', "a command's flags, the global ones included", '"$1"', [
      ...model.commands.map((c): [string, string] => [
        sq(c.path),
        [...c.flags.flatMap((f) => f.names), ...globalFlags].join(' '),
      ]),
      ['*', globalFlags.join(' ')],
    ]),
    `# does this flag of this command take a value?\n_elbctl_takes_value() {\n  case "$1 $2" in\n    ${takesValue.join(
      ' |\\\n    ',
    )}) return 0 ;;\n  esac\n  return 1\n}\n`,
    caseTable(
      '_elbctl_flag_values',
      "a flag's values: words, or @kind for names from the account, or @file",
      '"$1 $2"',
      flagValues,
    ),
    caseTable('_elbctl_arg_values', "the values of a command's Nth argument (0 first)", '"$1 $2"', argValues),
  ].join('\n');
}

const MAIN = `# is this one of the characters bash splits words at (':' in LB:PORT, '=' in --flag=value)?
_elbctl_splits_at() {
  [[ ($1 == ':' && ${'$'}{COMP_WORDBREAKS-} == *:*) || ($1 == '=' && ${'$'}{COMP_WORDBREAKS-} == *=*) ]]
}

# the word up to and including its last such character: bash replaces only what follows it
_elbctl_head() {
  local i
  for ((i = ${'$'}{#1} - 1; i >= 0; i--)); do
    if _elbctl_splits_at "${'$'}{1:$i:1}"; then
      echo "${'$'}{1:0:$((i + 1))}"
      return
    fi
  done
}

# values for a word: fixed words, files, or names elbctl reads from the account
_elbctl_reply() {
  local values=$1 cur=$2
  if [[ $values == @file ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  if [[ $values == @* ]]; then
    values=$("${'$'}{_elbctl_bin:-elbctl}" ${'$'}{_elbctl_globals[@]+"${'$'}{_elbctl_globals[@]}"} --no-input __complete "${'$'}{values#@}" "$cur" 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$values" -- "$cur"))
}

_elbctl() {
  # Glue back what bash split: web : 443 is the one word web:443.
  local -a w=()
  local i j=-1 glue=0 x
  for ((i = 0; i <= COMP_CWORD; i++)); do
    x=${'$'}{COMP_WORDS[i]}
    if ((j >= 0)) && { ((glue)) || _elbctl_splits_at "$x"; }; then
      w[j]+=$x
      if _elbctl_splits_at "$x"; then glue=1; else glue=0; fi
    else
      ((j++))
      w[j]=$x
      glue=0
    fi
  done
  local cur=${'$'}{w[j]} path='' n=0 word
  _elbctl_bin=${'$'}{w[0]}
  _elbctl_globals=()
  # Where the cursor is: the command path so far and how many arguments it has been given.
  for ((i = 1; i < j; i++)); do
    word=${'$'}{w[i]}
    case $word in
      --profile=* | --region=* | --endpoint-url=*) _elbctl_globals+=("$word") ;;
    esac
    if [[ $word == -* ]]; then
      if [[ $word != *=* ]] && ((i + 1 < j)) && _elbctl_takes_value "$path" "$word"; then
        case $word in
          --profile | --region | --endpoint-url) _elbctl_globals+=("$word" "${'$'}{w[i + 1]}") ;;
        esac
        ((i++))
      fi
      continue
    fi
    if ((n == 0)) && [[ " $(_elbctl_commands "$path") " == *" $word "* ]]; then
      path=${'$'}{path:+$path }$word
    else
      ((n++))
    fi
  done
  COMPREPLY=()
  local prev=''
  ((j > 1)) && prev=${'$'}{w[j - 1]}
  if [[ $cur == --*=* ]]; then
    local flag=${'$'}{cur%%=*} k
    _elbctl_reply "$(_elbctl_flag_values "$path" "$flag")" "${'$'}{cur#*=}"
    for k in "${'$'}{!COMPREPLY[@]}"; do COMPREPLY[k]="$flag=${'$'}{COMPREPLY[k]}"; done
  elif [[ $prev == -* && $prev != *=* ]] && _elbctl_takes_value "$path" "$prev"; then
    _elbctl_reply "$(_elbctl_flag_values "$path" "$prev")" "$cur"
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_elbctl_flags "$path")" -- "$cur"))
  else
    local subs
    subs=$(_elbctl_commands "$path")
    if [[ -n $subs ]] && ((n == 0)); then
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
      _elbctl_reply "$(_elbctl_arg_values "$path" "$n")" "$cur"
    fi
  fi
  local head k
  head=$(_elbctl_head "$cur")
  if [[ -n $head ]]; then
    for k in "${'$'}{!COMPREPLY[@]}"; do COMPREPLY[k]=${'$'}{COMPREPLY[k]#"$head"}; done
  fi
}
`;

export function bashScript(model: CompletionModel, version: string): string {
  return `# bash completion for elbctl ${version}, generated by \`elbctl completion bash\` from its command tree.
# This shell:   source <(elbctl completion bash)
# Every shell:  elbctl completion bash > ~/.local/share/bash-completion/completions/elbctl

${bashBody(model)}
complete -F _elbctl elbctl
`;
}

/** The functions both the bash and the zsh script define. */
export function bashBody(model: CompletionModel): string {
  return `${bashFunctions(model)}\n${MAIN}`;
}
