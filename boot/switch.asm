; Context switch and the first instructions of a new task.
;
; __switch_to_asm(&prev->thread.sp, next->thread.sp) saves the callee-saved
; registers on prev's kernel stack, stores prev's esp, loads next's esp and
; pops next's registers: the `ret` then returns wherever next called
; __switch_to_asm from (inside schedule()), or, for a task that never ran,
; into ret_from_fork / ret_from_kernel_thread, which kernel/fork.c's
; fork_frame_init puts there. The frame is struct inactive_task_frame
; (kernel/sched.h), lowest address first:
;
;   thread.sp -> edi, esi, ebx, ebp, return address
;   (a new task has its struct pt_regs right above, at the stack top)

extern schedule_tail, kthread_exit_dead, ret_from_intr

section .text

global __switch_to_asm
__switch_to_asm:
	mov eax, [esp + 4]              ; &prev->thread.sp
	mov edx, [esp + 8]              ; next->thread.sp
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A kernel thread: ebx = fn, esi = arg. fn(arg), then exit.
global ret_from_kernel_thread
ret_from_kernel_thread:
	call schedule_tail
	sti
	push esi
	call ebx
	add esp, 4
	call kthread_exit_dead          ; never returns

; ret_to_user(regs): leave the kernel for the user context in *regs (init's
; first entry into user mode, after kernel_execve).
global ret_to_user
ret_to_user:
	mov esp, [esp + 4]
	jmp ret_from_intr

; A forked user task: return to user mode through the interrupt exit path
; with the struct pt_regs copy_process built (eax = 0: fork returns 0).
global ret_from_fork
ret_from_fork:
	call schedule_tail
	jmp ret_from_intr
