/*
 * ATA error handling (Linux's libata-eh.c, reduced): report a failed
 * command the way Linux does, and reset the channel after a timeout.
 *
 *   ata1.00: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x0
 *   ata1.00: BMDMA stat 0x24
 *   ata1.00: failed command: READ DMA
 *   ata1.00: cmd c8/00:08:00:20:00/00:00:00:00:00/e0 tag 0 dma 4096 in
 *            res 51/04:08:00:20:00/00:00:00:00:00/e0 Emask 0x1 (device error)
 *   ata1.00: status: { DRDY ERR }
 *   ata1.00: error: { ABRT }
 *   ata1: EH complete
 *
 * Linux retries a failed command up to five times and lowers the transfer
 * mode on repeated errors; here a failed command fails once, at once, and
 * the caller (swap) decides what to do. A timeout freezes the port
 * ("action 0x6 frozen"), stops the DMA engine and soft-resets both devices
 * of the channel ("ata1: soft resetting link").
 */
#include "drivers/ata.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/x86.h"

const char *ata_get_cmd_descript(u8 command)
{
	switch (command) {
	case ATA_CMD_READ:
		return "READ DMA";
	case ATA_CMD_READ_EXT:
		return "READ DMA EXT";
	case ATA_CMD_WRITE:
		return "WRITE DMA";
	case ATA_CMD_WRITE_EXT:
		return "WRITE DMA EXT";
	case ATA_CMD_PIO_READ:
		return "READ SECTOR(S)";
	case ATA_CMD_PIO_READ_EXT:
		return "READ SECTOR(S) EXT";
	case ATA_CMD_PIO_WRITE:
		return "WRITE SECTOR(S)";
	case ATA_CMD_PIO_WRITE_EXT:
		return "WRITE SECTOR(S) EXT";
	case ATA_CMD_ID_ATA:
		return "IDENTIFY DEVICE";
	case ATA_CMD_ID_ATAPI:
		return "IDENTIFY PACKET DEVICE";
	case ATA_CMD_SET_FEATURES:
		return "SET FEATURES";
	default:
		return "unknown";
	}
}

/* Linux's ata_err_string: the most important cause named. */
static const char *ata_err_string(unsigned int err_mask)
{
	if (err_mask & AC_ERR_HOST_BUS)
		return "host bus error";
	if (err_mask & AC_ERR_HSM)
		return "HSM violation";
	if (err_mask & AC_ERR_TIMEOUT)
		return "timeout";
	if (err_mask & AC_ERR_MEDIA)
		return "media error";
	if (err_mask & AC_ERR_DEV)
		return "device error";
	return "unknown error";
}

static void print_tf(char *buf, size_t size, const struct ata_taskfile *tf, u8 first, u8 second)
{
	snprintf(buf, size, "%02x/%02x:%02x:%02x:%02x:%02x/%02x:%02x:%02x:%02x:%02x/%02x", first,
		 second, tf->nsect, tf->lbal, tf->lbam, tf->lbah, tf->hob_feature, tf->hob_nsect,
		 tf->hob_lbal, tf->hob_lbam, tf->hob_lbah, tf->device);
}

void ata_eh_report(struct ata_queued_cmd *qc)
{
	struct ata_device *dev = qc->dev;
	struct ata_port *ap = dev->ap;
	struct ata_taskfile *res = &qc->result_tf;
	bool frozen = qc->err_mask & AC_ERR_TIMEOUT;
	char cmd[64], rtf[64];
	unsigned int id = ap->print_id, dn = dev->devno;

	res->lba48 = qc->tf.lba48;
	ata_sff_tf_read(ap, res);
	if (res->status & ATA_ERR && res->error & ATA_UNC)
		qc->err_mask |= AC_ERR_MEDIA;
	pr_err("ata%u.%02u: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x%x%s\n", id, dn,
	       frozen ? 6 : 0, frozen ? " frozen" : "");
	if (qc->dma)
		pr_err("ata%u.%02u: BMDMA stat 0x%x\n", id, dn, qc->bmdma_status);
	pr_err("ata%u.%02u: failed command: %s\n", id, dn, ata_get_cmd_descript(qc->tf.command));
	print_tf(cmd, sizeof(cmd), &qc->tf, qc->tf.command, qc->tf.feature);
	print_tf(rtf, sizeof(rtf), res, res->status, res->error);
	pr_err("ata%u.%02u: cmd %s tag 0 %s %lu %s\n", id, dn, cmd, qc->dma ? "dma" : "pio",
	       (unsigned long)qc->nr_pages * PAGE_SECTORS * SECTOR_SIZE, qc->write ? "out" : "in");
	pr_err("         res %s Emask 0x%x (%s)\n", rtf, qc->err_mask,
	       ata_err_string(qc->err_mask));
	pr_err("ata%u.%02u: status: { %s%s%s%s%s%s}\n", id, dn,
	       res->status & ATA_BUSY ? "BUSY " : "", res->status & ATA_DRDY ? "DRDY " : "",
	       res->status & ATA_DF ? "DF " : "", res->status & ATA_DSC ? "DSC " : "",
	       res->status & ATA_DRQ ? "DRQ " : "", res->status & ATA_ERR ? "ERR " : "");
	if (res->status & ATA_ERR && res->error)
		pr_err("ata%u.%02u: error: { %s%s%s%s%s}\n", id, dn,
		       res->error & ATA_ICRC ? "ICRC " : "", res->error & ATA_UNC ? "UNC " : "",
		       res->error & ATA_AMNF ? "AMNF " : "", res->error & ATA_IDNF ? "IDNF " : "",
		       res->error & ATA_ABORTED ? "ABRT " : "");
	if (frozen || (res->status & (ATA_BUSY | ATA_DRQ))) {
		pr_info("ata%u: soft resetting link\n", id);
		ata_bus_softreset(ap);
	}
	pr_info("ata%u: EH complete\n", id);
}

/*
 * Soft reset both devices of the channel (SRST), after stopping the DMA
 * engine, and leave interrupts enabled. Caller: CPU interrupts on (the
 * wait counts jiffies). Returns 0 or -EBUSY if the devices
 * stay busy (Linux's "SRST failed (errno=-16)").
 */
int ata_bus_softreset(struct ata_port *ap)
{
	unsigned long start;

	if (ap->bmdma_addr) {
		outb(ap->bmdma_addr + ATA_DMA_CMD, 0);
		outb(ap->bmdma_addr + ATA_DMA_STATUS, ATA_DMA_ERR | ATA_DMA_INTR);
	}
	outb(ap->ctl_addr, ATA_NIEN);
	io_delay();
	outb(ap->ctl_addr, ATA_NIEN | ATA_SRST);
	io_delay(); /* SRST must stay set for 5 us */
	io_delay();
	outb(ap->ctl_addr, ATA_NIEN);
	start = jiffies;
	while (jiffies - start < 2) /* 2 ms before BSY is meaningful: one tick or two */
		cpu_relax();
	if (ata_sff_busy_wait(ap, 1000 * ATA_TMOUT_SECONDS)) {
		pr_err("ata%u: SRST failed (errno=-16)\n", ap->print_id);
		return -EBUSY;
	}
	ata_sff_check_status(ap);
	outb(ap->ctl_addr, 0);
	return 0;
}
