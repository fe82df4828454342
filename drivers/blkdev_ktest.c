/*
 * ktest suites that need no disk: "pci" (the PIIX3 IDE function, its
 * BMDMA BAR, bus mastering, the host bridge) and "blkdev" (Linux's
 * string_get_size, the sd names and numbers, /dev nodes and the lookups
 * back to the disk). Both run in ktest=all; with disks attached the
 * registry cases check every one.
 */
#include "drivers/ata.h"
#include "drivers/blkdev.h"
#include "drivers/zram_drv.h"
#include "drivers/pci.h"
#include "fs/fs.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/lib/string.h"

static void pci_finds_piix_ide(struct ktest *t)
{
	struct pci_dev *dev = pci_get_device(PCI_VENDOR_ID_INTEL, 0x7010, NULL);

	KTEST_ASSERT_TRUE(t, dev != NULL);
	KTEST_EXPECT_EQ(t, dev->bus, 0);
	KTEST_EXPECT_EQ(t, dev->devfn, PCI_DEVFN(1, 1));
	KTEST_EXPECT_EQ(t, dev->class, 0x010180);
	KTEST_EXPECT_EQ(t, pci_resource_flags(dev, 4), IORESOURCE_IO);
	KTEST_EXPECT_NE(t, pci_resource_start(dev, 4), 0);
	KTEST_EXPECT_TRUE(t, pci_read_config_word(dev, PCI_COMMAND) & PCI_COMMAND_MASTER);
	KTEST_EXPECT_EQ(t, pci_read_config_word(dev, PCI_VENDOR_ID), PCI_VENDOR_ID_INTEL);
	KTEST_EXPECT_TRUE(t, pci_get_device(PCI_VENDOR_ID_INTEL, 0x7010, dev) == NULL);
	KTEST_EXPECT_EQ(t, ata_ports[0].bmdma_addr, pci_resource_start(dev, 4));
	KTEST_EXPECT_EQ(t, ata_ports[1].bmdma_addr, pci_resource_start(dev, 4) + 8);
}

static void pci_finds_host_bridge_first(struct ktest *t)
{
	struct pci_dev *dev = pci_get_device(PCI_VENDOR_ID_INTEL, 0x1237, NULL); /* i440FX */

	KTEST_ASSERT_TRUE(t, dev != NULL);
	KTEST_EXPECT_EQ(t, dev->devfn, 0);
	KTEST_EXPECT_EQ(t, dev->class, 0x060000);
	KTEST_EXPECT_GE(t, pci_nr_devices, 4);
}

static struct ktest_case pci_cases[] = {
	KTEST_CASE(pci_finds_piix_ide),
	KTEST_CASE(pci_finds_host_bridge_first),
	{},
};
KTEST_SUITE(pci, pci_cases);

static void string_get_size_matches_linux(struct ktest *t)
{
	char buf[16];

	string_get_size(64ULL << 20, false, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "67.1 MB");
	string_get_size(64ULL << 20, true, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "64.0 MiB");
	string_get_size(200ULL << 30, false, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "215 GB");
	string_get_size(200ULL << 30, true, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "200 GiB");
	string_get_size(1ULL << 30, false, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "1.07 GB");
	string_get_size(512, true, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "512 B");
}

static void registry_names_in_order(struct ktest *t)
{
	struct block_device *b;
	unsigned int i = 0;
	char want[8];

	for (b = NULL; (b = bdev_next(b));) {
		if (!strncmp(b->name, "zram", 4)) { /* zram devices follow the sd disks */
			KTEST_EXPECT_EQ(t, b->major, ZRAM_MAJOR);
			continue;
		}
		snprintf(want, sizeof(want), "sd%c", 'a' + i);
		KTEST_EXPECT_STREQ(t, b->name, want);
		KTEST_EXPECT_EQ(t, b->major, 8);
		KTEST_EXPECT_EQ(t, b->minor, 16 * i);
		KTEST_EXPECT_EQ(t, b->logical_block_size, 512);
		KTEST_EXPECT_TRUE(t, blkdev_get_by_name(want) == b);
		i++;
	}
	KTEST_EXPECT_TRUE(t, blkdev_get_by_name("sdz") == NULL);
	KTEST_EXPECT_TRUE(t, blkdev_get_by_name("") == NULL);
}

/* /dev/sdX nodes: S_IFBLK, major 8, minor 16 * n (zramN: 252:N), and back to the disk. */
static void dev_nodes_lead_back_to_the_disks(struct ktest *t)
{
	struct block_device *b;
	char path[16];
	dev_t dev;

	for (b = NULL; (b = bdev_next(b));) {
		snprintf(path, sizeof(path), "/dev/%s", b->name);
		KTEST_EXPECT_EQ(t, lookup_bdev(path, &dev), 0);
		KTEST_EXPECT_EQ(t, dev, MKDEV(b->major, b->minor));
		KTEST_EXPECT_TRUE(t, blkdev_get_by_dev(dev) == b);
		KTEST_EXPECT_TRUE(t, blkdev_get_by_path(path) == b);
	}
	KTEST_EXPECT_EQ(t, lookup_bdev("/dev/console", &dev), -ENOTBLK);
	KTEST_EXPECT_EQ(t, PTR_ERR(blkdev_get_by_path("/dev/sdz")), -ENOENT);
	KTEST_EXPECT_TRUE(t, blkdev_get_by_dev(MKDEV(8, 1)) == NULL); /* a partition: none */
}

static struct ktest_case blkdev_cases[] = {
	KTEST_CASE(string_get_size_matches_linux),
	KTEST_CASE(registry_names_in_order),
	KTEST_CASE(dev_nodes_lead_back_to_the_disks),
	{},
};
KTEST_SUITE(blkdev, blkdev_cases);
