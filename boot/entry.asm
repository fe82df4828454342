; Interrupt and exception entry: one path in, one path out.
;
; Every IDT vector Tidemark uses (0-31 exceptions, 32-47 the 8259's IRQs,
; 0x80 system calls) has a tiny stub here that makes the stack look the
; same for all of them: it pushes a 0 where the CPU pushes no error code
; (for int $0x80: eax, the system call number, as Linux's orig_ax), then
; the vector number, and jumps to entry_common. entry_common saves the
; rest of struct pt_regs (kernel/ptrace.h draws the frame), loads the
; kernel data segments and calls dispatch_interrupt(regs) in kernel/traps.c.
; Whatever that returns to comes back out through ret_from_intr, which
; restores the registers and irets; the scheduler starts new tasks there too.
;
; The double fault is different: its IDT entry is a task gate, so the CPU
; switches to doublefault_tss (kernel/gdt.c) and starts
; asm_exc_double_fault on a fresh stack with the error code pushed.

KERNEL_DS       equ 0x10        ; __KERNEL_DS in kernel/segment.h

extern dispatch_interrupt
extern doublefault_shim

section .text

; Vectors where the CPU pushes an error code itself.
%macro STUB_ERR 1
vector_%1:
	push dword %1
	jmp entry_common
%endmacro

%macro STUB_NOERR 1
vector_%1:
	push dword 0
	push dword %1
	jmp entry_common
%endmacro

; Hardware interrupts: orig_ax = -1 (not a system call, no error code).
%macro STUB_IRQ 1
vector_%1:
	push dword -1
	push dword %1
	jmp entry_common
%endmacro

%assign v 0
%rep 32
%if v == 8 || v == 10 || v == 11 || v == 12 || v == 13 || v == 14 || v == 17 || v == 21 || v == 29 || v == 30
	STUB_ERR v
%else
	STUB_NOERR v
%endif
%assign v v + 1
%endrep
%rep 16
	STUB_IRQ v
%assign v v + 1
%endrep

; int $0x80: orig_ax = the system call number (eax), as Linux.
global entry_INT80_32
entry_INT80_32:
	push eax
	push dword 0x80
	jmp entry_common

entry_common:
	push gs
	push fs
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	cld
	push esp                ; the struct pt_regs * argument
	call dispatch_interrupt
	add esp, 4

; esp points at a struct pt_regs: restore it and return to where it says.
; On the way back to user mode, exit_to_user_mode() first runs the
; scheduler if the time slice is over and acts on pending signals.
PT_CS           equ 56              ; offsetof(struct pt_regs, cs)
extern exit_to_user_mode
global ret_from_intr
ret_from_intr:
	test byte [esp + PT_CS], 3
	jz .restore
	push esp
	call exit_to_user_mode
	add esp, 4
.restore:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	pop fs
	pop gs
	add esp, 8              ; trapno, orig_ax
	iret

; The double-fault task (doublefault_tss.ip). Interrupts are off, the
; stack is doublefault_stack and [esp] is the error code, which is exactly
; where a C function finds its first argument after `call`.
global asm_exc_double_fault
asm_exc_double_fault:
	call doublefault_shim   ; does not return
.halt:
	cli
	hlt
	jmp .halt

; Addresses of the stubs for vectors 0-47, for trap_init() to put in the IDT.
section .rodata
global idt_stub_table
idt_stub_table:
%assign v 0
%rep 48
	dd vector_ %+ v
%assign v v + 1
%endrep
