/*
 * poweroff: stop the machine (reboot(2) with LINUX_REBOOT_CMD_POWER_OFF).
 * Under QEMU with the isa-debug-exit device this ends the run with init's
 * exit status 0, so QEMU exits 33 (README, exit protocol).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	reboot(RB_POWER_OFF);
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
