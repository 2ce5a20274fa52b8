// The `briefing` command's exit statuses: 0 built, 1 bad input (no stack trace, nothing written), 2 internal fault.
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_INTERNAL = 2;
