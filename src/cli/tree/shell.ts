/** `elbctl completion bash|zsh|fish`, and the hidden `elbctl __complete` its scripts call for account names. */
import { leaf } from '../spec';

export const SHELL_COMMANDS = [
  leaf({
    name: 'completion',
    description: 'print a shell completion script for bash, zsh or fish',
    args: [
      {
        key: 'shell',
        syntax: '<shell>',
        description: 'bash, zsh or fish',
        values: async () => (await import('../completion/shells')).SHELLS,
      },
    ],
    examples: [
      'elbctl completion bash > ~/.local/share/bash-completion/completions/elbctl',
      'elbctl completion zsh > ~/.elbctl-completion.zsh',
      'elbctl completion fish > ~/.config/fish/completions/elbctl.fish',
    ],
    load: () => import('../completion/command'),
  }),
  leaf({
    name: '__complete',
    hidden: true,
    description: 'account names for shell completion, one per line (used by the completion scripts)',
    args: [
      { key: 'kind', syntax: '<kind>', description: 'load-balancer, target-group or listener' },
      { key: 'word', syntax: '[word]', description: 'what is typed so far (LB: lists the ports of LB)' },
    ],
    examples: [],
    load: () => import('../../commands/complete/names'),
  }),
];
