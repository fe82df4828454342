; The one way into the kernel: Linux's i386 system-call convention.
;
;   long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
;
; The call number goes in eax, the arguments in ebx, ecx, edx, esi, edi, ebp,
; and `int $0x80` returns the result in eax: a value in [-4095, -1] is -errno.
; The wrappers in syscalls.c turn that into errno and -1. ebx, esi, edi and
; ebp are callee-saved in the C ABI, so they are saved around the trap.

global __syscall

section .text
__syscall:
	push ebp
	push edi
	push esi
	push ebx
	mov eax, [esp + 20]		; nr (4 saved registers + return address)
	mov ebx, [esp + 24]
	mov ecx, [esp + 28]
	mov edx, [esp + 32]
	mov esi, [esp + 36]
	mov edi, [esp + 40]
	mov ebp, [esp + 44]
	int 0x80
	pop ebx
	pop esi
	pop edi
	pop ebp
	ret

section .note.GNU-stack noalloc noexec nowrite progbits	; no executable stack
