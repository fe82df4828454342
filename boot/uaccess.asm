; The instructions that touch user memory on the kernel's behalf, each with
; an entry in __ex_table: if it faults on an unmapped or read-only user
; address, the page-fault handler resumes at the fixup (kernel/uaccess.h).

section .text

; unsigned long __copy_user(void *to, const void *from, unsigned long n)
; Returns the bytes not copied.
global __copy_user
__copy_user:
	push esi
	push edi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	cld
.copy:
	rep movsb                   ; a fault leaves ecx = bytes not copied
.copy_done:
	mov eax, ecx
	pop edi
	pop esi
	ret

; unsigned long __clear_user(void *to, unsigned long n): bytes not cleared.
global __clear_user
__clear_user:
	push edi
	mov edi, [esp + 8]
	mov ecx, [esp + 12]
	xor eax, eax
	cld
.clear:
	rep stosb
.clear_done:
	mov eax, ecx
	pop edi
	ret

; long __strncpy_from_user(char *dst, const char *src, long count)
; Returns the string's length, count if no NUL in count bytes, -14 (EFAULT).
global __strncpy_from_user
__strncpy_from_user:
	push esi
	push edi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
	xor edx, edx                ; bytes copied
.next:
	cmp edx, ecx
	je .done
.load:
	mov al, [esi + edx]
	mov [edi + edx], al
	test al, al
	jz .done
	inc edx
	jmp .next
.done:
	mov eax, edx
	pop edi
	pop esi
	ret
.fault:
	mov eax, -14
	pop edi
	pop esi
	ret

section __ex_table
	dd __copy_user.copy, __copy_user.copy_done
	dd __clear_user.clear, __clear_user.clear_done
	dd __strncpy_from_user.load, __strncpy_from_user.fault
