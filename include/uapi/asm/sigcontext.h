/*
 * What a signal handler finds on its stack (Linux's i386 ABI):
 * struct sigcontext is arch/x86/include/uapi/asm/sigcontext.h's
 * sigcontext_32, struct ucontext is asm-generic/ucontext.h, siginfo_t's
 * first fields are asm-generic/siginfo.h's (the whole is 128 bytes).
 */
#ifndef UAPI_ASM_SIGCONTEXT_H
#define UAPI_ASM_SIGCONTEXT_H

struct sigcontext {
	unsigned short gs, __gsh;
	unsigned short fs, __fsh;
	unsigned short es, __esh;
	unsigned short ds, __dsh;
	unsigned long di;
	unsigned long si;
	unsigned long bp;
	unsigned long sp;
	unsigned long bx;
	unsigned long dx;
	unsigned long cx;
	unsigned long ax;
	unsigned long trapno;
	unsigned long err;
	unsigned long ip;
	unsigned short cs, __csh;
	unsigned long flags;
	unsigned long sp_at_signal;
	unsigned short ss, __ssh;
	unsigned long fpstate; /* user address of the x87 state; 0: none saved */
	unsigned long oldmask; /* the blocked mask's first word */
	unsigned long cr2;
};

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	unsigned long ss_size;
} stack_t;

struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	unsigned long long uc_sigmask; /* the kernel's sigset_t: 64 signals */
};

#define SI_MAX_SIZE 128

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[(SI_MAX_SIZE - 12) / sizeof(int)];
		struct { /* kill(), and the kernel's SIGCHLD */
			int _pid;
			unsigned int _uid;
			int _status; /* SIGCHLD: exit code or signal */
		} _kill;
		struct { /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *_addr;
		} _sigfault;
	} _sifields;
} siginfo_t;

#define si_pid _sifields._kill._pid
#define si_uid _sifields._kill._uid
#define si_status _sifields._kill._status
#define si_addr _sifields._sigfault._addr

/* si_code */
#define SI_USER 0      /* kill() */
#define SI_KERNEL 0x80 /* sent by the kernel */
#define SI_TKILL (-6)  /* tkill() / tgkill() */
#define SEGV_MAPERR 1  /* no mapping at si_addr */
#define SEGV_ACCERR 2  /* the mapping forbids the access */
#define BUS_ADRERR 2   /* SIGBUS: no such address in the object (a file mapping past EOF) */
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#endif
