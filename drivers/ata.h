/*
 * ATA disks on the PIIX IDE controller (drivers/ata_piix.c: PCI probe,
 * IDENTIFY, registration; drivers/ata_sff.c: taskfile, PIO, bus-master DMA,
 * the interrupt; drivers/ata_eh.c: error reports and channel reset).
 * Linux's libata names: ata_port, ata_device, ata_taskfile,
 * ata_queued_cmd, AC_ERR_*. Other subsystems use the disks through
 * drivers/blkdev.h, not this header.
 */
#ifndef DRIVERS_ATA_H
#define DRIVERS_ATA_H

#include "drivers/blkdev.h"
#include "kernel/types.h"
#include "kernel/wait.h"

/* Command block registers, offsets from the channel's cmd port (0x1f0 / 0x170). */
#define ATA_REG_DATA 0
#define ATA_REG_ERR 1	  /* read */
#define ATA_REG_FEATURE 1 /* write */
#define ATA_REG_NSECT 2
#define ATA_REG_LBAL 3
#define ATA_REG_LBAM 4
#define ATA_REG_LBAH 5
#define ATA_REG_DEVICE 6
#define ATA_REG_STATUS 7 /* read: also acknowledges INTRQ */
#define ATA_REG_CMD 7	 /* write */

/* Control block (ctl port 0x3f6 / 0x376): alternate status on read, device control on write. */
#define ATA_NIEN 0x02 /* interrupts off */
#define ATA_SRST 0x04 /* software reset of both devices */
#define ATA_HOB 0x80  /* read the high-order bytes of an LBA48 taskfile */

/* Status bits. */
#define ATA_ERR 0x01
#define ATA_DRQ 0x08
#define ATA_DSC 0x10
#define ATA_DF 0x20
#define ATA_DRDY 0x40
#define ATA_BUSY 0x80
/* Error register bits. */
#define ATA_AMNF 0x01
#define ATA_ABORTED 0x04
#define ATA_IDNF 0x10
#define ATA_UNC 0x40
#define ATA_ICRC 0x80

#define ATA_LBA 0x40  /* device register: LBA addressing */
#define ATA_DEV1 0x10 /* device register: the slave */

/* Commands. */
#define ATA_CMD_READ 0xc8 /* READ DMA */
#define ATA_CMD_READ_EXT 0x25
#define ATA_CMD_WRITE 0xca
#define ATA_CMD_WRITE_EXT 0x35
#define ATA_CMD_PIO_READ 0x20 /* READ SECTOR(S) */
#define ATA_CMD_PIO_READ_EXT 0x24
#define ATA_CMD_PIO_WRITE 0x30
#define ATA_CMD_PIO_WRITE_EXT 0x34
#define ATA_CMD_ID_ATA 0xec
#define ATA_CMD_ID_ATAPI 0xa1
#define ATA_CMD_SET_FEATURES 0xef
#define SETFEATURES_XFER 0x03
#define XFER_MW_DMA_2 0x22
#define XFER_PIO_4 0x0c

/* Bus-master DMA registers (BAR4; +8 for the second channel). */
#define ATA_DMA_CMD 0
#define ATA_DMA_START 0x01
#define ATA_DMA_WR 0x08 /* the controller writes memory: a device read */
#define ATA_DMA_STATUS 2
#define ATA_DMA_ACTIVE 0x01
#define ATA_DMA_ERR 0x02
#define ATA_DMA_INTR 0x04
#define ATA_DMA_TABLE_OFS 4

/* A physical region descriptor: one contiguous piece of a DMA transfer. */
struct ata_bmdma_prd {
	u32 addr;
	u32 flags_len; /* bytes (0 = 64 KiB) | ATA_PRD_EOT on the last */
};
#define ATA_PRD_EOT 0x80000000u

/* err_mask bits (Linux's AC_ERR_*). */
#define AC_ERR_DEV 0x01 /* the device set ERR or DF */
#define AC_ERR_HSM 0x02 /* the device broke the protocol (BSY/DRQ wrong) */
#define AC_ERR_TIMEOUT 0x04
#define AC_ERR_MEDIA 0x08
#define AC_ERR_HOST_BUS 0x20 /* the DMA engine reported an error */

#define ATA_DEV_NONE 0
#define ATA_DEV_ATA 1
#define ATA_DEV_ATAPI 3

#define ATA_ID_WORDS 256
#define ATA_ID_ROT_SPEED 217 /* nominal media rotation rate: 1 = not rotating */
#define ATA_MAX_SECTORS 256  /* per command; LBA28 counts 256 as 0 */
#define ATA_MAX_PAGES (ATA_MAX_SECTORS / PAGE_SECTORS)
#define ATA_TMOUT_SECONDS 5 /* no interrupt by then: timeout, reset */

struct ata_taskfile {
	u8 command, feature, nsect, lbal, lbam, lbah, device;
	u8 hob_feature, hob_nsect, hob_lbal, hob_lbam, hob_lbah;
	u8 status, error; /* in a result taskfile */
	bool lba48;
};

struct ata_port;

struct ata_device {
	struct ata_port *ap;
	unsigned int devno;   /* 0 master, 1 slave */
	unsigned int class;   /* ATA_DEV_* */
	u16 id[ATA_ID_WORDS]; /* IDENTIFY data */
	u64 n_sectors;
	bool lba48;
	unsigned int multi_count;
	struct block_device bdev;
};

/* One command and its outcome (Linux's ata_queued_cmd, one tag). */
struct ata_queued_cmd {
	struct ata_device *dev;
	struct ata_taskfile tf, result_tf;
	struct page **pages;
	unsigned int nr_pages;
	bool write, dma;
	unsigned int err_mask; /* AC_ERR_* */
	u8 bmdma_status;
};

struct ata_port {
	unsigned int print_id;		    /* "ata1", "ata2" */
	u16 cmd_addr, ctl_addr, bmdma_addr; /* bmdma_addr 0: no DMA engine */
	unsigned int irq;
	struct ata_device device[2];
	struct ata_bmdma_prd *prd;   /* one page in low memory */
	bool busy;		     /* a command is in flight (the port lock) */
	wait_queue_head_t busy_wait; /* tasks waiting for the port */
	wait_queue_head_t irq_wait;  /* the task waiting for the interrupt */
	volatile bool irq_done;	     /* set by the interrupt handler ... */
	volatile u8 irq_status;	     /* ... with the status it read */
	volatile u8 irq_bmdma_status;
	unsigned long nr_irqs, nr_spurious;
	/* Asynchronous bios (ata_submit_bio): queued, one in flight, ended by the interrupt. */
	struct list_head bio_queue;
	struct bio *active_bio;	       /* the DMA command in flight, or NULL */
	struct ata_queued_cmd qc;      /* ... and its command */
	unsigned long active_deadline; /* jiffies: no interrupt by then is a timeout */
	bool eh_pending;	       /* active_bio failed: ata_eh_thread ends it */
};

extern struct ata_port ata_ports[2];
extern bool libata_dma; /* libata.dma=: DMA for disks (default on) */

/* ata_piix.c: find the controller, probe both channels, register disks. */
void ata_init(void);

/* ata_sff.c */
u8 ata_sff_check_status(struct ata_port *ap);
u8 ata_sff_altstatus(struct ata_port *ap);
void ata_sff_dev_select(struct ata_port *ap, unsigned int devno);
int ata_sff_busy_wait(struct ata_port *ap, unsigned int ms);
void ata_sff_tf_load(struct ata_port *ap, const struct ata_taskfile *tf);
void ata_sff_tf_read(struct ata_port *ap, struct ata_taskfile *tf);
void ata_sff_interrupt(int irq);
int ata_exec_polled(struct ata_device *dev, struct ata_taskfile *tf, u16 *buf);
int ata_rw_pages(struct block_device *bdev, sector_t sector, struct page **pages, unsigned int nr,
		 enum req_op op, unsigned int flags);
void ata_submit_bio(struct bio *bio);
void ata_eh_start(void); /* the thread that ends failed and timed-out bios */

/* ata_eh.c */
void ata_eh_report(struct ata_queued_cmd *qc);
int ata_bus_softreset(struct ata_port *ap);
const char *ata_get_cmd_descript(u8 command);

#endif
