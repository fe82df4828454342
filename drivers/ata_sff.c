/*
 * Issuing ATA commands on an SFF (taskfile) channel: programmed I/O and
 * bus-master DMA, interrupt driven (Linux's libata-sff.c).
 *
 * One command runs per channel at a time. The issuing task loads the
 * taskfile, starts the command and waits; the channel's interrupt handler
 * reads the status (which acknowledges INTRQ), stops nothing itself, and
 * records what it saw in ap->irq_done / irq_status / irq_bmdma_status.
 *
 *   DMA read/write of N pages:            PIO read (per 512-byte sector):
 *     PRD table: one entry per page         wait for the interrupt
 *     BMDMA: table address, direction       status ERR/DF? fail
 *     taskfile, READ/WRITE DMA (EXT)        DRQ: read 256 words
 *     BMDMA start                         PIO write: DRQ (polled) first,
 *     wait for the interrupt                then per sector: 256 words,
 *     BMDMA stop; status/BMDMA status       wait for the interrupt, check
 *
 * LBA28 commands are used when the request fits below sector 2^28 - 1
 * (Linux's lba_28_ok), LBA48 (EXT) commands otherwise. Anything wrong
 * (ERR/DF, a DMA error, BSY/DRQ in the wrong state, no interrupt within
 * ATA_TMOUT_SECONDS) ends the command with err_mask set; ata_eh.c reports
 * it and resets the channel after a timeout, and the caller gets -EIO.
 *
 * Waiting: the issuing task sleeps on ap->irq_wait (Linux's
 * wait_event_timeout pattern) and other tasks run; the handler wakes it.
 * Tasks that want a busy channel sleep on ap->busy_wait. Called from the
 * idle task (boot code before the scheduler), the same loops simply spin
 * until the interrupt, as nothing else could run anyway.
 *
 * Asynchronous bios (ata_submit_bio, the block layer's submit_bio): a DMA
 * bio joins the port's queue (reads ahead of writes) and the submitter
 * returns. The head of
 * the queue is started when the port is free (at once, or from the
 * interrupt that ends the command before it, or when a synchronous user
 * lets go of the port); its interrupt stops the DMA engine, checks the
 * status and ends the bio with bio_endio, all in the interrupt (Linux's
 * ata_qc_complete). A failed or timed-out bio is left to ata_eh_thread,
 * which reports it and resets the channel with interrupts on, then ends it
 * with -EIO and starts the next. PIO bios run synchronously.
 */
#include "drivers/ata.h"
#include "kernel/errno.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/highmem.h"
#include "mm/mm.h"

static void ata_bio_complete(struct ata_port *ap, u8 status, u8 bmstat);
static void ata_start_next_bio(struct ata_port *ap);

static bool time_after_jiffies(unsigned long deadline)
{
	return (long)(jiffies - deadline) > 0;
}

u8 ata_sff_check_status(struct ata_port *ap)
{
	return inb(ap->cmd_addr + ATA_REG_STATUS);
}

u8 ata_sff_altstatus(struct ata_port *ap)
{
	return inb(ap->ctl_addr);
}

/* The 400 ns a device needs before its status is valid: four alt status reads. */
static void ata_sff_pause(struct ata_port *ap)
{
	int i;

	for (i = 0; i < 4; i++)
		ata_sff_altstatus(ap);
}

void ata_sff_dev_select(struct ata_port *ap, unsigned int devno)
{
	outb(ap->cmd_addr + ATA_REG_DEVICE, 0xa0 | (devno ? ATA_DEV1 : 0));
	ata_sff_pause(ap);
}

/* Poll until BSY clears. Returns 0, or -EBUSY after ms milliseconds. */
int ata_sff_busy_wait(struct ata_port *ap, unsigned int ms)
{
	unsigned long deadline = jiffies + DIV_ROUND_UP(ms * HZ, 1000) + 1;

	while (ata_sff_altstatus(ap) & ATA_BUSY) {
		if (time_after_jiffies(deadline))
			return -EBUSY;
		cpu_relax();
	}
	return 0;
}

void ata_sff_tf_load(struct ata_port *ap, const struct ata_taskfile *tf)
{
	u16 p = ap->cmd_addr;

	if (tf->lba48) { /* high-order bytes first: the registers are two-deep FIFOs */
		outb(p + ATA_REG_FEATURE, tf->hob_feature);
		outb(p + ATA_REG_NSECT, tf->hob_nsect);
		outb(p + ATA_REG_LBAL, tf->hob_lbal);
		outb(p + ATA_REG_LBAM, tf->hob_lbam);
		outb(p + ATA_REG_LBAH, tf->hob_lbah);
	}
	outb(p + ATA_REG_FEATURE, tf->feature);
	outb(p + ATA_REG_NSECT, tf->nsect);
	outb(p + ATA_REG_LBAL, tf->lbal);
	outb(p + ATA_REG_LBAM, tf->lbam);
	outb(p + ATA_REG_LBAH, tf->lbah);
	outb(p + ATA_REG_DEVICE, tf->device);
	ata_sff_pause(ap);
}

/* Read the registers back (the result taskfile), the HOB bytes too for LBA48. */
void ata_sff_tf_read(struct ata_port *ap, struct ata_taskfile *tf)
{
	u16 p = ap->cmd_addr;

	tf->status = ata_sff_altstatus(ap);
	tf->error = inb(p + ATA_REG_ERR);
	tf->nsect = inb(p + ATA_REG_NSECT);
	tf->lbal = inb(p + ATA_REG_LBAL);
	tf->lbam = inb(p + ATA_REG_LBAM);
	tf->lbah = inb(p + ATA_REG_LBAH);
	tf->device = inb(p + ATA_REG_DEVICE);
	if (tf->lba48) {
		outb(ap->ctl_addr, ATA_HOB);
		tf->hob_feature = inb(p + ATA_REG_ERR);
		tf->hob_nsect = inb(p + ATA_REG_NSECT);
		tf->hob_lbal = inb(p + ATA_REG_LBAL);
		tf->hob_lbam = inb(p + ATA_REG_LBAM);
		tf->hob_lbah = inb(p + ATA_REG_LBAH);
		outb(ap->ctl_addr, 0);
	}
}

/*
 * Run a non-data or PIO-in command with interrupts off at the device
 * (nIEN), polling: IDENTIFY and SET FEATURES during probe. buf receives
 * 256 words if the command has data (NULL otherwise). Returns 0, -EIO if
 * the device reports an error, -EBUSY if it stays busy.
 */
int ata_exec_polled(struct ata_device *dev, struct ata_taskfile *tf, u16 *buf)
{
	struct ata_port *ap = dev->ap;
	u8 status;
	int i;

	outb(ap->ctl_addr, ATA_NIEN);
	ata_sff_dev_select(ap, dev->devno);
	ata_sff_tf_load(ap, tf);
	outb(ap->cmd_addr + ATA_REG_CMD, tf->command);
	ata_sff_pause(ap);
	if (ata_sff_busy_wait(ap, 1000 * ATA_TMOUT_SECONDS))
		return -EBUSY;
	status = ata_sff_check_status(ap);
	if (status & (ATA_ERR | ATA_DF))
		return -EIO;
	if (buf) {
		if (!(status & ATA_DRQ))
			return -EIO;
		for (i = 0; i < ATA_ID_WORDS; i++)
			buf[i] = inw(ap->cmd_addr + ATA_REG_DATA);
	}
	return 0;
}

/* The channel's interrupt: acknowledge, record, wake the waiter. */
void ata_sff_interrupt(int irq)
{
	struct ata_port *ap = &ata_ports[(unsigned int)irq == ata_ports[0].irq ? 0 : 1];
	u8 bmstat = 0, status;

	if (ap->bmdma_addr) {
		bmstat = inb(ap->bmdma_addr + ATA_DMA_STATUS);
		outb(ap->bmdma_addr + ATA_DMA_STATUS, bmstat); /* clears INTR and ERR */
	}
	status = ata_sff_check_status(ap); /* acknowledges INTRQ */
	ap->nr_irqs++;
	if (ap->active_bio && !ap->eh_pending) {
		ata_bio_complete(ap, status, bmstat);
		return;
	}
	if (!ap->busy) {
		ap->nr_spurious++;
		return;
	}
	ap->irq_status = status;
	ap->irq_bmdma_status = bmstat;
	ap->irq_done = true;
	wake_up(&ap->irq_wait);
}

/*
 * Sleep until the channel's interrupt. Caller: process context, may sleep.
 * Returns true, or false after ATA_TMOUT_SECONDS without one.
 */
static bool ata_wait_irq(struct ata_port *ap)
{
	DEFINE_WAIT(wait);
	long left = ATA_TMOUT_SECONDS * HZ;
	bool done;

	for (;;) {
		prepare_to_wait(&ap->irq_wait, &wait, TASK_UNINTERRUPTIBLE);
		if (ap->irq_done || !left)
			break;
		/* An interrupt after the check has made us TASK_RUNNING: no sleep then. */
		left = io_schedule_timeout(left);
	}
	finish_wait(&ap->irq_wait, &wait);
	done = ap->irq_done;
	ap->irq_done = false;
	return done;
}

/* The channel runs one command at a time: sleep until it is free, take it. */
static void ata_port_lock(struct ata_port *ap)
{
	for (;;) {
		unsigned long flags;

		io_wait_event(ap->busy_wait, !ap->busy);
		flags = local_irq_save();
		if (!ap->busy) {
			ap->busy = true;
			local_irq_restore(flags);
			return;
		}
		local_irq_restore(flags); /* a queued bio took it first */
	}
}

static void ata_port_unlock(struct ata_port *ap)
{
	unsigned long flags = local_irq_save();

	ap->busy = false;
	ata_start_next_bio(ap);
	local_irq_restore(flags);
	wake_up(&ap->busy_wait);
}

/* Check the status a command step ended with; true if it may go on. */
static bool ata_check_step(struct ata_queued_cmd *qc, u8 status, u8 want_drq)
{
	if (status & (ATA_ERR | ATA_DF))
		qc->err_mask |= AC_ERR_DEV;
	else if ((status & ATA_BUSY) || (status & ATA_DRQ) != want_drq)
		qc->err_mask |= AC_ERR_HSM;
	return !qc->err_mask;
}

static void ata_pio_sector(struct ata_queued_cmd *qc, unsigned int i)
{
	u16 port = qc->dev->ap->cmd_addr + ATA_REG_DATA;
	char *kaddr = kmap_local_page(qc->pages[i / PAGE_SECTORS]); /* swap pages may be HighMem */
	u16 *buf = (u16 *)(kaddr + (i % PAGE_SECTORS) * SECTOR_SIZE);
	unsigned int w;

	if (qc->write)
		for (w = 0; w < SECTOR_SIZE / 2; w++)
			outw(port, buf[w]);
	else
		for (w = 0; w < SECTOR_SIZE / 2; w++)
			buf[w] = inw(port);
	kunmap_local(kaddr);
}

/* Programmed I/O, one interrupt per sector (no READ/WRITE MULTIPLE). */
static void ata_pio_run(struct ata_queued_cmd *qc)
{
	struct ata_port *ap = qc->dev->ap;
	unsigned int i, n = qc->nr_pages * PAGE_SECTORS;

	if (qc->write) { /* the first sector goes without an interrupt */
		if (ata_sff_busy_wait(ap, 1000 * ATA_TMOUT_SECONDS)) {
			qc->err_mask |= AC_ERR_TIMEOUT;
			return;
		}
		if (!ata_check_step(qc, ata_sff_altstatus(ap), ATA_DRQ))
			return;
	}
	for (i = 0; i < n; i++) {
		if (!qc->write) {
			if (!ata_wait_irq(ap)) {
				qc->err_mask |= AC_ERR_TIMEOUT;
				return;
			}
			if (!ata_check_step(qc, ap->irq_status, ATA_DRQ))
				return;
		}
		ata_pio_sector(qc, i);
		if (qc->write) {
			if (!ata_wait_irq(ap)) {
				qc->err_mask |= AC_ERR_TIMEOUT;
				return;
			}
			if (!ata_check_step(qc, ap->irq_status, i + 1 < n ? ATA_DRQ : 0))
				return;
		}
	}
}

/* Fill the PRD table (one entry per page) and load the engine; it starts later. */
static void ata_bmdma_setup(struct ata_queued_cmd *qc)
{
	struct ata_port *ap = qc->dev->ap;
	unsigned int i;

	for (i = 0; i < qc->nr_pages; i++) {
		ap->prd[i].addr = (u32)page_to_pfn(qc->pages[i]) << PAGE_SHIFT;
		ap->prd[i].flags_len = PAGE_SIZE;
	}
	ap->prd[qc->nr_pages - 1].flags_len |= ATA_PRD_EOT;
	outl(ap->bmdma_addr + ATA_DMA_TABLE_OFS, (u32)virt_to_phys(ap->prd));
	outb(ap->bmdma_addr + ATA_DMA_STATUS, ATA_DMA_ERR | ATA_DMA_INTR);
	outb(ap->bmdma_addr + ATA_DMA_CMD, qc->write ? 0 : ATA_DMA_WR);
}

static void ata_bmdma_run(struct ata_queued_cmd *qc)
{
	struct ata_port *ap = qc->dev->ap;
	u8 dmactl = inb(ap->bmdma_addr + ATA_DMA_CMD);
	bool done;

	outb(ap->bmdma_addr + ATA_DMA_CMD, dmactl | ATA_DMA_START);
	done = ata_wait_irq(ap);
	outb(ap->bmdma_addr + ATA_DMA_CMD, dmactl & ~ATA_DMA_START); /* ata_bmdma_stop */
	ata_sff_altstatus(ap);
	qc->bmdma_status = done ? ap->irq_bmdma_status : inb(ap->bmdma_addr + ATA_DMA_STATUS);
	if (!done) {
		qc->err_mask |= AC_ERR_TIMEOUT;
		return;
	}
	if (qc->bmdma_status & ATA_DMA_ERR)
		qc->err_mask |= AC_ERR_HOST_BUS;
	ata_check_step(qc, ap->irq_status, 0);
}

/* The taskfile for a read or write of the whole request (Linux's ata_build_rw_tf). */
static void ata_build_rw_tf(struct ata_queued_cmd *qc, u64 block)
{
	struct ata_taskfile *tf = &qc->tf;
	unsigned int n = qc->nr_pages * PAGE_SECTORS;
	static const u8 cmds[2][2][2] = {
		/* [dma][lba48][write] */
		{ { ATA_CMD_PIO_READ, ATA_CMD_PIO_WRITE },
		  { ATA_CMD_PIO_READ_EXT, ATA_CMD_PIO_WRITE_EXT } },
		{ { ATA_CMD_READ, ATA_CMD_WRITE }, { ATA_CMD_READ_EXT, ATA_CMD_WRITE_EXT } },
	};

	*tf = (struct ata_taskfile){ 0 };
	tf->lba48 = block + n >= (1u << 28) - 1; /* !lba_28_ok */
	tf->command = cmds[qc->dma][tf->lba48][qc->write];
	tf->nsect = (u8)n;
	tf->lbal = (u8)block;
	tf->lbam = (u8)(block >> 8);
	tf->lbah = (u8)(block >> 16);
	if (tf->lba48) {
		tf->hob_nsect = (u8)(n >> 8);
		tf->hob_lbal = (u8)(block >> 24);
		tf->hob_lbam = (u8)(block >> 32);
		tf->hob_lbah = (u8)(block >> 40);
		tf->device = ATA_LBA;
	} else {
		tf->device = 0xa0 | ATA_LBA | (u8)((block >> 24) & 0xf);
	}
	if (qc->dev->devno)
		tf->device |= ATA_DEV1;
}

/* Issue qc and run it to the end; returns with qc->err_mask set or 0. */
static void ata_qc_issue(struct ata_queued_cmd *qc)
{
	struct ata_port *ap = qc->dev->ap;

	ata_sff_dev_select(ap, qc->dev->devno);
	if (ata_sff_busy_wait(ap, 1000 * ATA_TMOUT_SECONDS)) {
		qc->err_mask |= AC_ERR_TIMEOUT;
		return;
	}
	outb(ap->ctl_addr, 0);	  /* interrupts on */
	ata_sff_check_status(ap); /* acknowledge anything stale first */
	ap->irq_done = false;
	if (qc->dma)
		ata_bmdma_setup(qc);
	ata_sff_tf_load(ap, &qc->tf);
	outb(ap->cmd_addr + ATA_REG_CMD, qc->tf.command);
	ata_sff_pause(ap);
	if (qc->dma)
		ata_bmdma_run(qc);
	else
		ata_pio_run(qc);
}

/*
 * block_device_operations.rw_pages for an ATA disk: nr <= ATA_MAX_PAGES
 * pages from sector, DMA unless REQ_PIO or libata.dma=0. Returns 0 or
 * -EIO (reported by ata_eh_report). PIO needs the pages in low memory
 * (NOT DONE: kmap for HighMem pages): -EINVAL otherwise.
 */
int ata_rw_pages(struct block_device *bdev, sector_t sector, struct page **pages, unsigned int nr,
		 enum req_op op, unsigned int flags)
{
	struct ata_device *dev = bdev->private_data;
	struct ata_port *ap = dev->ap;
	struct ata_queued_cmd qc = {
		.dev = dev,
		.pages = pages,
		.nr_pages = nr,
		.write = op == REQ_OP_WRITE,
		.dma = libata_dma && ap->bmdma_addr && !(flags & REQ_PIO),
	};
	unsigned int i;

	BUG_ON(nr == 0 || nr > ATA_MAX_PAGES);
	if (!qc.dma)
		for (i = 0; i < nr; i++)
			if (page_to_pfn(pages[i]) >= max_low_pfn)
				return -EINVAL;
	ata_port_lock(ap);
	ata_build_rw_tf(&qc, sector);
	ata_qc_issue(&qc);
	if (qc.err_mask)
		ata_eh_report(&qc);
	ata_port_unlock(ap);
	return qc.err_mask ? -EIO : 0;
}

/* ---- asynchronous bios ---------------------------------------------------- */

static struct task_struct *ata_eh_task;

/* Hand the port's failed bio to ata_eh_thread; the port stays taken. */
static void ata_bio_failed(struct ata_port *ap)
{
	ap->eh_pending = true;
	wake_up_process(ata_eh_task);
}

/*
 * Start the head of the queue if the port is free (interrupts off): the
 * same steps as ata_qc_issue for DMA, but nothing waits for the interrupt.
 */
static void ata_start_next_bio(struct ata_port *ap)
{
	struct ata_queued_cmd *qc = &ap->qc;
	struct bio *bio;
	u8 dmactl;

	if (ap->busy || list_empty(&ap->bio_queue))
		return;
	bio = list_first_entry(&ap->bio_queue, struct bio, bi_list);
	list_del_init(&bio->bi_list);
	ap->busy = true;
	ap->active_bio = bio;
	ap->active_deadline = jiffies + ATA_TMOUT_SECONDS * HZ;
	*qc = (struct ata_queued_cmd){
		.dev = bio->bi_bdev->private_data,
		.pages = bio->bi_io_vec,
		.nr_pages = bio->bi_vcnt,
		.write = bio->bi_op == REQ_OP_WRITE,
		.dma = true,
	};
	ata_build_rw_tf(qc, bio->bi_sector);
	ata_sff_dev_select(ap, qc->dev->devno);
	if (ata_sff_altstatus(ap) & ATA_BUSY) { /* cannot wait here: EH does */
		qc->err_mask |= AC_ERR_HSM;
		ata_bio_failed(ap);
		return;
	}
	outb(ap->ctl_addr, 0);	  /* interrupts on */
	ata_sff_check_status(ap); /* acknowledge anything stale first */
	ata_bmdma_setup(qc);
	ata_sff_tf_load(ap, &qc->tf);
	outb(ap->cmd_addr + ATA_REG_CMD, qc->tf.command);
	ata_sff_pause(ap);
	dmactl = inb(ap->bmdma_addr + ATA_DMA_CMD);
	outb(ap->bmdma_addr + ATA_DMA_CMD, dmactl | ATA_DMA_START);
}

/* Free the port of its bio and start the next; then end the bio (interrupts off). */
static void ata_bio_done(struct ata_port *ap, struct bio *bio, int status)
{
	ap->active_bio = NULL;
	ap->eh_pending = false;
	ap->busy = false;
	ata_start_next_bio(ap);
	if (!ap->busy)
		wake_up(&ap->busy_wait);
	bio->bi_status = status;
	bio_endio(bio);
}

/* The interrupt that ends the active bio's command (Linux's ata_qc_complete). */
static void ata_bio_complete(struct ata_port *ap, u8 status, u8 bmstat)
{
	struct ata_queued_cmd *qc = &ap->qc;
	u8 dmactl = inb(ap->bmdma_addr + ATA_DMA_CMD);

	outb(ap->bmdma_addr + ATA_DMA_CMD, dmactl & ~ATA_DMA_START); /* ata_bmdma_stop */
	ata_sff_altstatus(ap);
	qc->bmdma_status = bmstat;
	if (bmstat & ATA_DMA_ERR)
		qc->err_mask |= AC_ERR_HOST_BUS;
	if (!ata_check_step(qc, status, 0)) {
		ata_bio_failed(ap);
		return;
	}
	ata_bio_done(ap, ap->active_bio, 0);
}

/*
 * Queue bio: a read goes ahead of the writes already queued, behind the
 * reads (as Linux's mq-deadline dispatches reads first: a task waits for
 * its read, nobody waits for reclaim's writes); a write goes to the end.
 */
static void ata_queue_bio(struct ata_port *ap, struct bio *bio)
{
	struct bio *pos;

	if (bio->bi_op == REQ_OP_READ)
		list_for_each_entry(pos, &ap->bio_queue, bi_list)
			if (pos->bi_op != REQ_OP_READ) {
				list_add_tail(&bio->bi_list, &pos->bi_list); /* just before pos */
				return;
			}
	list_add_tail(&bio->bi_list, &ap->bio_queue);
}

/*
 * block_device_operations.submit_bio for an ATA disk: a DMA bio is queued
 * and returns; a PIO one (REQ_PIO, libata.dma=0, no DMA engine, or before
 * the EH thread runs) is done now, synchronously.
 */
void ata_submit_bio(struct bio *bio)
{
	struct ata_device *dev = bio->bi_bdev->private_data;
	struct ata_port *ap = dev->ap;
	unsigned long flags;

	if (!libata_dma || !ap->bmdma_addr || (bio->bi_flags & REQ_PIO) || !ata_eh_task) {
		bio->bi_status = ata_rw_pages(bio->bi_bdev, bio->bi_sector, bio->bi_io_vec,
					      bio->bi_vcnt, bio->bi_op, bio->bi_flags);
		bio_endio(bio);
		return;
	}
	flags = local_irq_save();
	ata_queue_bio(ap, bio);
	ata_start_next_bio(ap);
	local_irq_restore(flags);
}

/*
 * End ap's active bio if it failed or its interrupt is overdue: stop the
 * engine, report (ata_eh_report resets the channel after a timeout, which
 * needs interrupts on), then -EIO and the next bio.
 */
static void ata_bio_eh(struct ata_port *ap)
{
	unsigned long flags = local_irq_save();
	struct bio *bio = ap->active_bio;

	if (!bio || (!ap->eh_pending && !time_after_jiffies(ap->active_deadline))) {
		local_irq_restore(flags);
		return;
	}
	if (!ap->eh_pending) {
		outb(ap->bmdma_addr + ATA_DMA_CMD, 0);
		ap->qc.bmdma_status = inb(ap->bmdma_addr + ATA_DMA_STATUS);
		ap->qc.err_mask |= AC_ERR_TIMEOUT;
	}
	ap->eh_pending = true; /* the interrupt leaves it alone from now */
	local_irq_restore(flags);
	ata_eh_report(&ap->qc);
	flags = local_irq_save();
	ata_bio_done(ap, bio, -EIO);
	local_irq_restore(flags);
}

/* Linux's scsi_eh_N threads, in one: failed bios at once, timeouts within a second. */
static int ata_eh_thread(void *unused)
{
	(void)unused;
	for (;;) {
		ata_bio_eh(&ata_ports[0]);
		ata_bio_eh(&ata_ports[1]);
		schedule_timeout_interruptible(HZ);
	}
	return 0;
}

void ata_eh_start(void)
{
	ata_eh_task = kthread_run(ata_eh_thread, NULL, "ata_eh");
}
