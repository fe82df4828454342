; The trampolines a signal handler returns through (sigaction puts one in
; sa_restorer, with SA_RESTORER). The kernel's frame sits on the stack
; (kernel/signal_32.c); the handler's `ret` has popped pretcode.
;
;   __restore     for a plain handler: the old sigframe, whose next word
;                 is sig: pop it, then sigreturn (119)
;   __restore_rt  for an SA_SIGINFO handler: rt_sigreturn (173)
;
; These are glibc's and musl's, byte for byte; debuggers recognise them.

global __restore
global __restore_rt

section .text
__restore:
	pop eax
	mov eax, 119
	int 0x80

__restore_rt:
	mov eax, 173
	int 0x80

section .note.GNU-stack noalloc noexec nowrite progbits	; no executable stack
