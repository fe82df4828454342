/*
 * PCI configuration space and the devices on the bus (drivers/pci.c).
 * Linux's names: struct pci_dev, pci_read_config_*, pci_get_device,
 * pci_resource_start, pci_set_master.
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include "kernel/types.h"

/* Configuration space registers (the standard header, types 00 and 01). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1     /* respond to I/O space */
#define PCI_COMMAND_MEMORY 0x2 /* respond to memory space */
#define PCI_COMMAND_MASTER 0x4 /* may initiate bus-master DMA */
#define PCI_STATUS 0x06
#define PCI_CLASS_REVISION 0x08 /* class << 8 | revision */
#define PCI_HEADER_TYPE 0x0e
#define PCI_HEADER_TYPE_MFD 0x80 /* multi-function device */
#define PCI_HEADER_TYPE_BRIDGE 0x01
#define PCI_BASE_ADDRESS_0 0x10 /* six BARs, 4 bytes apart */
#define PCI_BASE_ADDRESS_SPACE_IO 0x1
#define PCI_BASE_ADDRESS_IO_MASK (~0x3UL)
#define PCI_BASE_ADDRESS_MEM_MASK (~0xfUL)
#define PCI_SECONDARY_BUS 0x19 /* type 01: the bus behind the bridge */
#define PCI_INTERRUPT_LINE 0x3c

#define PCI_CLASS_BRIDGE_PCI 0x0604
#define PCI_VENDOR_ID_INTEL 0x8086

#define PCI_DEVFN(slot, fn) ((((slot)&0x1f) << 3) | ((fn)&0x07))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn)&0x07)

#define PCI_NUM_RESOURCES 6
#define IORESOURCE_IO 0x100
#define IORESOURCE_MEM 0x200

struct pci_dev {
	u8 bus;
	u8 devfn;
	u16 vendor;
	u16 device;
	u32 class; /* base class << 16 | subclass << 8 | prog-if, as Linux */
	u8 revision;
	u8 hdr_type; /* 0 device, 1 PCI-to-PCI bridge (without the MFD bit) */
	u8 irq;	     /* the legacy line the BIOS routed (interrupt line register) */
	unsigned long bar[PCI_NUM_RESOURCES];	    /* decoded start address, 0 if unused */
	unsigned long bar_flags[PCI_NUM_RESOURCES]; /* IORESOURCE_IO or IORESOURCE_MEM */
};

u32 pci_read_config_dword(const struct pci_dev *dev, int where);
u16 pci_read_config_word(const struct pci_dev *dev, int where);
u8 pci_read_config_byte(const struct pci_dev *dev, int where);
void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val);

/* Enumerate bus 0 and the buses behind PCI-to-PCI bridges, logging each function. */
void pci_subsys_init(void);

/*
 * The next device with this vendor and device id after from (NULL: the
 * first), in enumeration order, or NULL. Linux's pci_get_device without
 * the reference count (devices never go away here).
 */
struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from);

/* BAR bar's decoded start address and its IORESOURCE_ flag (0 if unused). */
static inline unsigned long pci_resource_start(const struct pci_dev *dev, int bar)
{
	return dev->bar[bar];
}
static inline unsigned long pci_resource_flags(const struct pci_dev *dev, int bar)
{
	return dev->bar_flags[bar];
}

/* Turn on I/O and memory decoding (pci_enable_device) and bus mastering (pci_set_master). */
void pci_enable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);

extern unsigned int pci_nr_devices;

#endif
