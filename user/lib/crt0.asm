; crt0: the entry point of every user program.
;
; Linux's i386 execve leaves the stack as
;   esp -> argc, argv[0] .. argv[argc-1], NULL, envp[0] .. NULL,
;          auxv (a_type, a_val) pairs ending with AT_NULL, then the strings.
; _start hands a pointer to argc to __libc_start_main (start.c), which finds
; argv, envp and auxv, runs main and exits with its result. It never returns.

global _start
extern __libc_start_main

section .text
_start:
	xor ebp, ebp			; the outermost frame: backtraces stop here
	mov eax, esp			; eax -> argc
	and esp, -16			; the i386 SysV ABI wants 16-byte alignment at calls
	sub esp, 12
	push eax
	call __libc_start_main
	hlt				; not reached; a privileged instruction faults if it is

section .note.GNU-stack noalloc noexec nowrite progbits	; no executable stack
