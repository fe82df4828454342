; The fuzzer's system-call stubs (Linux's i386 ABI: eax = number,
; ebx ecx edx esi edi ebp = arguments, result in eax).
;
;   fuzz_call(nr, args)          int 0x80 with args[0..5]
;   fuzz_call_fork(nr, args)     the same, but where it returns 0 (the child
;                                of fork, vfork or clone) it calls exit(0)
;                                at once, touching no memory: a clone child
;                                on the parent's stack, or on a random one,
;                                harms nothing
;   fuzz_call_on_stack(nr, a1, a2, sp)
;                                the call made with esp = sp, so a signal
;                                raised by it is delivered on that stack (a
;                                bad one: the kernel must give SIGSEGV);
;                                esp comes back from saved_esp afterwards

global fuzz_call
global fuzz_call_fork
global fuzz_call_on_stack

section .bss
saved_esp: resd 1

section .text
; load eax and the six argument registers from [esp+20] (nr) and [esp+24] (args)
%macro LOAD_ARGS 0
	push ebp
	push ebx
	push esi
	push edi
	mov eax, [esp + 20]
	mov ecx, [esp + 24]
	mov ebx, [ecx]
	mov edx, [ecx + 8]
	mov esi, [ecx + 12]
	mov edi, [ecx + 16]
	mov ebp, [ecx + 20]
	mov ecx, [ecx + 4]
%endmacro

%macro RETURN 0
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret
%endmacro

fuzz_call:
	LOAD_ARGS
	int 0x80
	RETURN

fuzz_call_fork:
	LOAD_ARGS
	int 0x80
	test eax, eax
	jnz .parent
	mov eax, 1		; exit(0)
	xor ebx, ebx
	int 0x80
.parent:
	RETURN

fuzz_call_on_stack:
	push ebp
	push ebx
	push esi
	push edi
	mov [saved_esp], esp
	mov eax, [esp + 20]
	mov ebx, [esp + 24]
	mov ecx, [esp + 28]
	mov esp, [esp + 32]
	int 0x80
	mov esp, [saved_esp]
	RETURN

section .note.GNU-stack noalloc noexec nowrite progbits	; no executable stack
