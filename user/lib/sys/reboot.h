/* reboot(2): the command values of linux/reboot.h; the wrapper adds the magic numbers. */
#ifndef ULIB_SYS_REBOOT_H
#define ULIB_SYS_REBOOT_H

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793

#define RB_AUTOBOOT 0x01234567	  /* LINUX_REBOOT_CMD_RESTART */
#define RB_HALT_SYSTEM 0xcdef0123 /* LINUX_REBOOT_CMD_HALT */
#define RB_POWER_OFF 0x4321fedc	  /* LINUX_REBOOT_CMD_POWER_OFF */

int reboot(int cmd);

#endif
