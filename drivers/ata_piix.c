/*
 * The PIIX3 IDE controller of QEMU's pc machine (PCI 00:01.1, 8086:7010)
 * and the disks on it (Linux's ata_piix.c with libata-core's probe).
 *
 *   channel  cmd    ctl    bmdma        irq   disks
 *   ata1     0x1f0  0x3f6  BAR4 + 0     14    ata1.00 (master), ata1.01 (slave)
 *   ata2     0x170  0x376  BAR4 + 8     15    ata2.00, ata2.01 (QEMU's -cdrom: ata2.00)
 *
 * ata_init: find the controller, enable bus mastering, then per channel:
 * soft reset, classify each device by its reset signature (ATA 00/00,
 * ATAPI 14/eb in LBA mid/high), IDENTIFY it (polled), log it as Linux
 * does, set the transfer mode, and register ATA disks with the block layer
 * as sda, sdb ... in that order. ATAPI devices are logged and skipped: no
 * packet-command driver here.
 */
#include "drivers/ata.h"
#include "drivers/pci.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/params.h"
#include "kernel/x86.h"
#include "mm/gfp.h"

#define PCI_DEVICE_ID_INTEL_82371SB_1 0x7010 /* PIIX3 IDE */

struct ata_port ata_ports[2];
bool libata_dma = true;

static const struct block_device_operations ata_bdev_ops = {
	.rw_pages = ata_rw_pages,
	.submit_bio = ata_submit_bio,
};

/* libata.dma=N: bit 0 allows DMA for ATA disks (Linux's meaning); 0 means PIO only. */
static int libata_dma_setup(char *val)
{
	unsigned long v;

	if (kstrtoul(val, 0, &v))
		return -1;
	libata_dma = v & 1;
	return 0;
}
__setup("libata.dma=", libata_dma_setup);

/* IDENTIFY strings: two bytes per word, swapped, space padded (ata_id_c_string). */
static void ata_id_c_string(const u16 *id, char *s, unsigned int ofs, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i += 2) {
		s[i] = (char)(id[ofs + i / 2] >> 8);
		s[i + 1] = (char)id[ofs + i / 2];
	}
	s[len] = '\0';
	while (len && s[len - 1] == ' ')
		s[--len] = '\0';
}

/* "UDMA/100", "MWDMA2" or "PIO4": the best mode IDENTIFY offers (ata_mode_string). */
static const char *ata_max_mode(const u16 *id)
{
	static const char *const udma[] = { "UDMA/16", "UDMA/25",  "UDMA/33",  "UDMA/44",
					    "UDMA/66", "UDMA/100", "UDMA/133", "UDMA7" };
	static const char *const mwdma[] = { "MWDMA0", "MWDMA1", "MWDMA2" };
	int i;

	if (id[53] & (1 << 2))
		for (i = 7; i >= 0; i--)
			if (id[88] & (1 << i))
				return udma[i];
	for (i = 2; i >= 0; i--)
		if (id[63] & (1 << i))
			return mwdma[i];
	return "PIO4";
}

static unsigned int ata_id_major_version(const u16 *id)
{
	unsigned int v;

	for (v = 14; v >= 1; v--)
		if (id[80] & (1 << v))
			break;
	return v;
}

static bool is_power_of_2(unsigned int n)
{
	return n && !(n & (n - 1));
}

/* Fill n_sectors, lba48, multi_count from IDENTIFY as ata_dev_configure does. */
static void ata_dev_configure(struct ata_device *dev)
{
	const u16 *id = dev->id;
	unsigned int max_multi = id[47] & 0xff, cnt = id[59] & 0xff;

	dev->lba48 = (id[83] & 0xc000) == 0x4000 && (id[83] & (1 << 10));
	if (dev->lba48)
		dev->n_sectors =
		    (u64)id[100] | (u64)id[101] << 16 | (u64)id[102] << 32 | (u64)id[103] << 48;
	else
		dev->n_sectors = (u32)id[60] | (u32)id[61] << 16;
	dev->multi_count = 0;
	if (is_power_of_2(max_multi) && is_power_of_2(cnt) && cnt <= max_multi)
		dev->multi_count = cnt;
}

/*
 * Classify by the signature a reset leaves in LBA mid/high (Linux's
 * ata_sff_dev_classify): 14/eb is ATAPI (whose status may read 0: DRDY is
 * clear after reset); otherwise a status of 0 or ff means nobody answers,
 * and 00/00 is an ATA disk.
 */
static unsigned int ata_dev_classify(struct ata_port *ap, unsigned int devno)
{
	u8 status, lbam, lbah;

	ata_sff_dev_select(ap, devno);
	status = ata_sff_altstatus(ap);
	lbam = inb(ap->cmd_addr + ATA_REG_LBAM);
	lbah = inb(ap->cmd_addr + ATA_REG_LBAH);
	if (lbam == 0x14 && lbah == 0xeb)
		return ATA_DEV_ATAPI;
	if (status == 0 || status == 0xff)
		return ATA_DEV_NONE;
	if (lbam == 0 && lbah == 0)
		return ATA_DEV_ATA;
	return ATA_DEV_NONE;
}

/* IDENTIFY (PACKET) DEVICE and the two lines Linux logs for it. */
static int ata_dev_identify(struct ata_device *dev)
{
	struct ata_taskfile tf = { 0 };
	unsigned int id = dev->ap->print_id, dn = dev->devno;
	char model[41], fw[9];
	bool atapi = dev->class == ATA_DEV_ATAPI;

	tf.command = atapi ? ATA_CMD_ID_ATAPI : ATA_CMD_ID_ATA;
	tf.device = 0xa0 | (dn ? ATA_DEV1 : 0);
	if (ata_exec_polled(dev, &tf, dev->id)) {
		pr_warn("ata%u.%02u: failed to IDENTIFY (I/O error, err_mask=0x1)\n", id, dn);
		return -EIO;
	}
	ata_id_c_string(dev->id, model, 27, 40);
	ata_id_c_string(dev->id, fw, 23, 8);
	if (atapi) {
		pr_info("ata%u.%02u: ATAPI: %s, %s, max %s\n", id, dn, model, fw,
			ata_max_mode(dev->id));
		return 0;
	}
	ata_dev_configure(dev);
	pr_info("ata%u.%02u: ATA-%u: %s, %s, max %s\n", id, dn, ata_id_major_version(dev->id),
		model, fw, ata_max_mode(dev->id));
	pr_info("ata%u.%02u: %llu sectors, multi %u: %s \n", id, dn,
		(unsigned long long)dev->n_sectors, dev->multi_count, dev->lba48 ? "LBA48" : "LBA");
	return 0;
}

/* SET FEATURES - transfer mode: MWDMA2 when DMA is used, else PIO4. */
static void ata_dev_set_xfermode(struct ata_device *dev, bool dma)
{
	struct ata_taskfile tf = { 0 };

	tf.command = ATA_CMD_SET_FEATURES;
	tf.feature = SETFEATURES_XFER;
	tf.nsect = dma ? XFER_MW_DMA_2 : XFER_PIO_4;
	tf.device = 0xa0 | (dev->devno ? ATA_DEV1 : 0);
	if (ata_exec_polled(dev, &tf, NULL))
		pr_warn("ata%u.%02u: failed to set xfermode\n", dev->ap->print_id, dev->devno);
	else
		pr_info("ata%u.%02u: configured for %s\n", dev->ap->print_id, dev->devno,
			dma ? "MWDMA2" : "PIO4");
}

static void ata_dev_register(struct ata_device *dev)
{
	char scsi_id[16];

	dev->bdev.nr_sects = dev->n_sectors;
	dev->bdev.max_pages = ATA_MAX_PAGES;
	dev->bdev.nonrot = dev->id[ATA_ID_ROT_SPEED] == 1; /* "non-rotating media" (SSD) */
	dev->bdev.ops = &ata_bdev_ops;
	dev->bdev.private_data = dev;
	snprintf(scsi_id, sizeof(scsi_id), "%u:0:%u:0", dev->ap->print_id - 1, dev->devno);
	if (add_disk(&dev->bdev, scsi_id))
		pr_warn("ata%u.%02u: no sd name left\n", dev->ap->print_id, dev->devno);
}

static void ata_port_probe(struct ata_port *ap)
{
	unsigned int devno;

	pr_info("ata%u: PATA max MWDMA2 cmd 0x%x ctl 0x%x bmdma 0x%x irq %u\n", ap->print_id,
		ap->cmd_addr, ap->ctl_addr, ap->bmdma_addr, ap->irq);
	if (ata_sff_altstatus(ap) == 0xff || ata_bus_softreset(ap))
		return; /* floating bus: nothing attached */
	for (devno = 0; devno < 2; devno++) {
		struct ata_device *dev = &ap->device[devno];

		dev->ap = ap;
		dev->devno = devno;
		dev->class = ata_dev_classify(ap, devno);
	}
	for (devno = 0; devno < 2; devno++) {
		struct ata_device *dev = &ap->device[devno];

		if (dev->class == ATA_DEV_NONE || ata_dev_identify(dev))
			continue;
		if (dev->class == ATA_DEV_ATAPI) {
			pr_info("ata%u.%02u: ATAPI device skipped (no packet-command driver)\n",
				ap->print_id, devno);
			continue;
		}
		ata_dev_set_xfermode(dev, libata_dma && ap->bmdma_addr);
		ata_dev_register(dev);
	}
	outb(ap->ctl_addr, 0); /* interrupts on from now */
}

static void ata_port_init(struct ata_port *ap, unsigned int n, unsigned long bmdma)
{
	ap->print_id = n + 1;
	ap->cmd_addr = n ? 0x170 : 0x1f0;
	ap->ctl_addr = n ? 0x376 : 0x3f6;
	ap->irq = n ? 15 : 14;
	init_waitqueue_head(&ap->busy_wait);
	init_waitqueue_head(&ap->irq_wait);
	INIT_LIST_HEAD(&ap->bio_queue);
	ap->bmdma_addr = bmdma ? (u16)(bmdma + 8 * n) : 0;
	if (ap->bmdma_addr) {
		ap->prd = (struct ata_bmdma_prd *)__get_free_page(GFP_KERNEL | __GFP_DMA);
		if (!ap->prd) {
			pr_warn("ata%u: no page for the PRD table, PIO only\n", ap->print_id);
			ap->bmdma_addr = 0;
		}
	}
	if (request_irq(ap->irq, ata_sff_interrupt, "ata_piix"))
		panic("ata_port_init: IRQ %u taken", ap->irq);
}

void ata_init(void)
{
	struct pci_dev *pdev =
	    pci_get_device(PCI_VENDOR_ID_INTEL, PCI_DEVICE_ID_INTEL_82371SB_1, NULL);
	unsigned long bmdma = 0;
	unsigned int n;

	if (!pdev) {
		pr_info("ata_piix: no PIIX3 IDE controller\n");
		return;
	}
	pci_enable_device(pdev);
	if (pci_resource_flags(pdev, 4) & IORESOURCE_IO) {
		bmdma = pci_resource_start(pdev, 4);
		pci_set_master(pdev);
	} else {
		pr_warn("ata_piix 0000:00:%02x.%d: BMDMA BAR unusable, PIO only\n",
			PCI_SLOT(pdev->devfn), PCI_FUNC(pdev->devfn));
	}
	for (n = 0; n < 2; n++)
		ata_port_init(&ata_ports[n], n, bmdma);
	for (n = 0; n < 2; n++)
		ata_port_probe(&ata_ports[n]);
}
