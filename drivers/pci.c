/*
 * PCI configuration space through configuration mechanism #1 (ports
 * 0xCF8/0xCFC), and a scan of the bus at boot.
 *
 *   0xCF8 CONFIG_ADDRESS:  bit 31 enable | bus << 16 | devfn << 8 | register & 0xfc
 *   0xCFC CONFIG_DATA:     the addressed dword (bytes at 0xCFC + (register & 3))
 *
 * pci_subsys_init() walks bus 0 (slot by slot, functions 1-7 only where
 * function 0 says multi-function), follows PCI-to-PCI bridges to their
 * secondary bus, sizes every BAR, and logs what it finds as Linux does:
 *
 *   pci 0000:00:01.1: [8086:7010] type 00 class 0x010180
 *   pci 0000:00:01.1: reg 0x20: [io  0xc040-0xc04f]
 *
 * Linux builds a tree of buses and assigns BARs the firmware left empty;
 * here the firmware's (SeaBIOS's) assignment is used as found and the
 * devices sit in one flat table.
 */
#include "drivers/pci.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"

#define PCI_CONF_ADDR 0xcf8
#define PCI_CONF_DATA 0xcfc
#define PCI_MAX_DEVICES 64

static struct pci_dev pci_devices[PCI_MAX_DEVICES];
unsigned int pci_nr_devices;

static u32 conf_addr(int bus, int devfn, int where)
{
	return 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 | ((u32)where & 0xfc);
}

static u32 conf_read(int bus, int devfn, int where)
{
	unsigned long flags = local_irq_save();
	u32 v;

	outl(PCI_CONF_ADDR, conf_addr(bus, devfn, where));
	v = inl(PCI_CONF_DATA);
	local_irq_restore(flags);
	return v;
}

static void conf_write(int bus, int devfn, int where, u32 v)
{
	unsigned long flags = local_irq_save();

	outl(PCI_CONF_ADDR, conf_addr(bus, devfn, where));
	outl(PCI_CONF_DATA, v);
	local_irq_restore(flags);
}

u32 pci_read_config_dword(const struct pci_dev *dev, int where)
{
	return conf_read(dev->bus, dev->devfn, where);
}

u16 pci_read_config_word(const struct pci_dev *dev, int where)
{
	return (u16)(conf_read(dev->bus, dev->devfn, where) >> ((where & 2) * 8));
}

u8 pci_read_config_byte(const struct pci_dev *dev, int where)
{
	return (u8)(conf_read(dev->bus, dev->devfn, where) >> ((where & 3) * 8));
}

void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	conf_write(dev->bus, dev->devfn, where, val);
}

/* A read-modify-write of the containing dword; fine for the registers used here. */
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	u32 v = conf_read(dev->bus, dev->devfn, where);
	int shift = (where & 2) * 8;

	v = (v & ~(0xffffu << shift)) | (u32)val << shift;
	conf_write(dev->bus, dev->devfn, where, v);
}

static void pci_name(const struct pci_dev *dev, char *buf, size_t size)
{
	snprintf(buf, size, "0000:%02x:%02x.%d", dev->bus, PCI_SLOT(dev->devfn),
		 PCI_FUNC(dev->devfn));
}

/*
 * Size BAR i the standard way (write all ones, read back the writable
 * bits, restore) with decoding off meanwhile, record it and log it as
 * Linux's __pci_read_base does. Returns 1 if the BAR was 64-bit (it
 * takes the next slot too).
 */
static int pci_read_bar(struct pci_dev *dev, int i, const char *name)
{
	int reg = PCI_BASE_ADDRESS_0 + 4 * i;
	u32 orig = pci_read_config_dword(dev, reg), mask;
	unsigned long start, size;
	bool io = orig & PCI_BASE_ADDRESS_SPACE_IO;

	pci_write_config_dword(dev, reg, 0xffffffffu);
	mask = pci_read_config_dword(dev, reg);
	pci_write_config_dword(dev, reg, orig);
	if (!mask || mask == 0xffffffffu)
		return 0;
	if (io) {
		start = orig & PCI_BASE_ADDRESS_IO_MASK;
		size = (~(mask & PCI_BASE_ADDRESS_IO_MASK) & 0xffff) + 1;
	} else {
		start = orig & PCI_BASE_ADDRESS_MEM_MASK;
		size = ~(mask & PCI_BASE_ADDRESS_MEM_MASK) + 1;
	}
	dev->bar[i] = start;
	dev->bar_flags[i] = io ? IORESOURCE_IO : IORESOURCE_MEM;
	if (io)
		pr_info("pci %s: reg 0x%x: [io  %#06lx-%#06lx]\n", name, reg, start,
			start + size - 1);
	else
		pr_info("pci %s: reg 0x%x: [mem %#010lx-%#010lx%s]\n", name, reg, start,
			start + size - 1, orig & 0x8 ? " pref" : "");
	return !io && (orig & 0x6) == 0x4; /* 64-bit memory BAR */
}

static void pci_scan_bus(int bus);

/* Record function devfn on bus (known to exist) and log it. */
static void pci_scan_device(int bus, int devfn, u32 id)
{
	struct pci_dev *dev;
	char name[16];
	u32 class_rev;
	int i;

	if (pci_nr_devices == PCI_MAX_DEVICES) {
		pr_warn("pci: more than %d functions, ignoring the rest\n", PCI_MAX_DEVICES);
		return;
	}
	dev = &pci_devices[pci_nr_devices++];
	dev->bus = (u8)bus;
	dev->devfn = (u8)devfn;
	dev->vendor = (u16)id;
	dev->device = (u16)(id >> 16);
	class_rev = pci_read_config_dword(dev, PCI_CLASS_REVISION);
	dev->class = class_rev >> 8;
	dev->revision = (u8)class_rev;
	dev->hdr_type = pci_read_config_byte(dev, PCI_HEADER_TYPE) & 0x7f;
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	pci_name(dev, name, sizeof(name));
	pr_info("pci %s: [%04x:%04x] type %02x class 0x%06x\n", name, dev->vendor, dev->device,
		dev->hdr_type, dev->class);
	if (dev->hdr_type == 0) {
		u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

		pci_write_config_word(dev, PCI_COMMAND,
				      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
		for (i = 0; i < PCI_NUM_RESOURCES; i++)
			i += pci_read_bar(dev, i, name);
		pci_write_config_word(dev, PCI_COMMAND, cmd);
	} else if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE &&
		   (dev->class >> 8) == PCI_CLASS_BRIDGE_PCI) {
		int secondary = pci_read_config_byte(dev, PCI_SECONDARY_BUS);

		if (secondary > bus) /* firmware numbered it; never loop back */
			pci_scan_bus(secondary);
	}
}

static u8 header_type(int bus, int devfn)
{
	return (u8)(conf_read(bus, devfn, PCI_HEADER_TYPE) >> ((PCI_HEADER_TYPE & 3) * 8));
}

static void pci_scan_bus(int bus)
{
	int slot, fn;

	for (slot = 0; slot < 32; slot++) {
		for (fn = 0; fn < 8; fn++) {
			int devfn = PCI_DEVFN(slot, fn);
			u32 id = conf_read(bus, devfn, PCI_VENDOR_ID);

			if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0) {
				if (fn == 0)
					break; /* no function 0: no device in this slot */
				continue;
			}
			pci_scan_device(bus, devfn, id);
			if (fn == 0 && !(header_type(bus, devfn) & PCI_HEADER_TYPE_MFD))
				break; /* single-function device */
		}
	}
}

void pci_subsys_init(void)
{
	pr_info("PCI: Using configuration type 1 for base access\n");
	pci_scan_bus(0);
}

struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from)
{
	struct pci_dev *dev = from ? from + 1 : pci_devices;

	for (; dev < pci_devices + pci_nr_devices; dev++)
		if (dev->vendor == vendor && dev->device == device)
			return dev;
	return NULL;
}

void pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY);
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	if (!(cmd & PCI_COMMAND_MASTER)) {
		char name[16];

		pci_name(dev, name, sizeof(name));
		pr_debug("pci %s: enabling bus mastering\n", name);
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
	}
}
