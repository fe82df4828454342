; Early entry: the multiboot header and _start.
;
; A multiboot 1 loader (GRUB, or QEMU's -kernel) jumps to _start in
; protected mode with paging off, EAX = 0x2BADB002 and EBX = the physical
; address of the multiboot information. The kernel is linked at 0xC0100000
; but loaded at 1 MiB, so until paging is on every memory reference here
; subtracts KERNEL_VMA by hand.
;
; _start builds the boot page tables: the first BOOT_MAP_MB of physical
; memory mapped twice, at 0 (identity, only for the instant paging turns
; on) and at KERNEL_VMA (the kernel's direct map). Kernel text and rodata
; are mapped read-only and CR0.WP is set, so a stray kernel write to them
; faults; the page below the boot stack is left unmapped (a guard page). Then it jumps to the higher half, drops the identity map and
; calls start_kernel(magic, mbi_phys). _start itself is linked at its
; physical address (section .text.boot, see linker.ld). paging_init() later replaces these
; tables with the kernel's own.

MBOOT_MAGIC     equ 0x1BADB002
MBOOT_PAGE_ALIGN equ 1 << 0        ; modules aligned on 4 KiB
MBOOT_MEMINFO   equ 1 << 1         ; we want mem_lower/upper and the mmap
MBOOT_FLAGS     equ MBOOT_PAGE_ALIGN | MBOOT_MEMINFO

KERNEL_VMA      equ 0xC0000000
BOOT_MAP_MB     equ 64
BOOT_NR_PT      equ BOOT_MAP_MB / 4    ; one page table maps 4 MiB
PTE_PRESENT     equ 1 << 0
PTE_RW          equ 1 << 1
CR0_WP          equ 1 << 16
CR0_PG          equ 1 << 31

extern start_kernel
extern __ro_start, __ro_end

section .multiboot
align 4
	dd MBOOT_MAGIC
	dd MBOOT_FLAGS
	dd -(MBOOT_MAGIC + MBOOT_FLAGS)

section .bss
align 4096
global boot_pgdir
boot_pgdir:     resb 4096
boot_pgtables:  resb 4096 * BOOT_NR_PT
; One page left unmapped below the boot stack: overflowing the stack
; faults (then double faults, see kernel/doublefault.c) instead of
; silently overwriting the page tables above.
global boot_stack_guard
boot_stack_guard: resb 4096
global boot_stack
boot_stack:     resb 16384
global boot_stack_top
boot_stack_top:

section .data
global boot_magic, boot_mbi_phys
boot_magic:     dd 0
boot_mbi_phys:  dd 0

section .text.boot
global _start
_start:
	cli
	mov [boot_magic - KERNEL_VMA], eax
	mov [boot_mbi_phys - KERNEL_VMA], ebx

	; Fill BOOT_NR_PT page tables: frame i -> physical i * 4096.
	mov edi, boot_pgtables - KERNEL_VMA
	xor esi, esi                        ; physical address of the frame
	mov ecx, 1024 * BOOT_NR_PT
.fill_pte:
	mov edx, esi
	or edx, PTE_PRESENT | PTE_RW
	cmp esi, __ro_start - KERNEL_VMA
	jb .store
	cmp esi, __ro_end - KERNEL_VMA
	jae .store
	and edx, ~PTE_RW                    ; text and rodata: read-only
.store:
	mov [edi], edx
	add edi, 4
	add esi, 4096
	loop .fill_pte

	; Unmap the stack guard page.
	mov eax, boot_stack_guard - KERNEL_VMA
	shr eax, 12
	mov dword [boot_pgtables - KERNEL_VMA + eax * 4], 0

	; Point PDEs 0.. (identity) and 768.. (KERNEL_VMA) at the tables.
	mov edi, boot_pgdir - KERNEL_VMA
	mov edx, boot_pgtables - KERNEL_VMA
	or edx, PTE_PRESENT | PTE_RW
	xor ecx, ecx
.fill_pde:
	mov [edi + ecx * 4], edx
	mov [edi + ecx * 4 + (KERNEL_VMA >> 22) * 4], edx
	add edx, 4096
	inc ecx
	cmp ecx, BOOT_NR_PT
	jne .fill_pde

	mov eax, boot_pgdir - KERNEL_VMA
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	mov eax, higher_half
	jmp eax

section .text
higher_half:
	; Drop the identity map: from here on address 0 faults (NULL guard).
	mov edi, boot_pgdir
	xor ecx, ecx
.clear_identity:
	mov dword [edi + ecx * 4], 0
	inc ecx
	cmp ecx, BOOT_NR_PT
	jne .clear_identity
	mov eax, cr3
	mov cr3, eax

	mov esp, boot_stack_top
	xor ebp, ebp                        ; ends every backtrace
	push dword [boot_mbi_phys]
	push dword [boot_magic]
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang
