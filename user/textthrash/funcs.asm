; textthrash's large text: NFUNCS functions of STEPS arithmetic steps each
; (about 2.4 MiB of code), and a table of their addresses. Function n
; computes, from its argument x (cdecl: [esp+4], result in eax),
;     repeat STEPS times, k = 0, 1, ...:  x = x * 0x9e3779b1 + (n * 2654435761 + k)
;                                         x ^= x >> 13
; which textthrash.c's reference() recomputes in a few lines. Written in
; assembly so the program builds in seconds (the same code in C takes
; minutes to compile).

%define NFUNCS 8192
%define STEPS 16

section .text
%assign n 0
%rep NFUNCS
f_%+n:
	mov eax, [esp + 4]
%assign k 0
%rep STEPS
	imul eax, eax, 0x9e3779b1
	add eax, (n * 2654435761 + k) & 0xffffffff
	mov edx, eax
	shr edx, 13
	xor eax, edx
%assign k k + 1
%endrep
	ret
%assign n n + 1
%endrep

section .rodata
global textthrash_table
textthrash_table:
%assign n 0
%rep NFUNCS
	dd f_%+n
%assign n n + 1
%endrep

section .note.GNU-stack noalloc noexec nowrite progbits
