// SPDX-License-Identifier: GPL-2.0
/*
 * ngfuzz -C DIR: which share of the netgraph modules' code the requests
 * reached, by KCOV (Documentation/dev-tools/kcov.rst).
 *
 * Each worker thread enables KCOV_TRACE_PC on its own descriptor and adds
 * the program counters its requests collected to one set.  At the end,
 * every module's instrumentation points are read from its .ko in DIR (the
 * calls to __sanitizer_cov_trace_pc in .text, found by their relocations)
 * and compared with the PCs seen inside the module's .text, whose address
 * is in /sys/module/<name>/sections/.text.  Only what runs in the
 * requesting task is seen: work queued to kernel workers (ksocket's
 * receive and transmit, queued messages) is not counted.
 *
 * The kernel must have CONFIG_KCOV and the modules KCOV_INSTRUMENT := y
 * (Kbuild does that); the debug kernel of selftests/vm instruments
 * nothing else.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ngfuzz.h"

#define KCOV_INIT_TRACE		_IOR('c', 1, unsigned long)
#define KCOV_ENABLE		_IO('c', 100)
#define KCOV_DISABLE		_IO('c', 101)
#define KCOV_TRACE_PC		0
#define KCOV_WORDS		(256 * 1024)	/* PCs per request, at most */

#define SET_BITS		20		/* 1M distinct PCs */
#define SET_SIZE		(1u << SET_BITS)

/* Shared by the processes of -n and -u (MAP_SHARED, set up before fork) */
struct pcset {
	pthread_mutex_t lock;	/* process-shared */
	unsigned int n;
	uint64_t pc[SET_SIZE];	/* open addressing; 0 = empty */
};

static struct pcset *set;

/* Descriptors opened before a process gave up root (-u), for its threads */
#define POOL_MAX	64
static struct kcov pool[POOL_MAX];
static unsigned int pooled;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;

static bool pcs_add(uint64_t pc)
{
	uint64_t h = pc * 0x9e3779b97f4a7c15ull;
	unsigned int i = (unsigned int)(h >> (64 - SET_BITS));

	if (set->n >= SET_SIZE / 2)
		return false;
	while (set->pc[i]) {
		if (set->pc[i] == pc)
			return false;
		i = (i + 1) & (SET_SIZE - 1);
	}
	set->pc[i] = pc;
	set->n++;
	return true;
}

static bool pcs_has(uint64_t pc)
{
	uint64_t h = pc * 0x9e3779b97f4a7c15ull;
	unsigned int i = (unsigned int)(h >> (64 - SET_BITS));

	while (set->pc[i]) {
		if (set->pc[i] == pc)
			return true;
		i = (i + 1) & (SET_SIZE - 1);
	}
	return false;
}

/* Before any fork: the set every process adds to */
int kcov_global_init(void)
{
	pthread_mutexattr_t a;

	set = mmap(NULL, sizeof(*set), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (set == MAP_FAILED) {
		set = NULL;
		return -ENOMEM;
	}
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&set->lock, &a);
	pthread_mutexattr_destroy(&a);
	return 0;
}

/* A descriptor with its buffer, not yet bound to a thread */
static int kcov_prepare(struct kcov *k)
{
	int e;

	k->area = NULL;
	k->fd = open("/sys/kernel/debug/kcov", O_RDWR | O_CLOEXEC);
	if (k->fd < 0)
		return -errno;
	if (!ioctl(k->fd, KCOV_INIT_TRACE, (unsigned long)KCOV_WORDS)) {
		k->area = mmap(NULL, KCOV_WORDS * sizeof(unsigned long),
			       PROT_READ | PROT_WRITE, MAP_SHARED, k->fd, 0);
		if (k->area != MAP_FAILED)
			return 0;
	}
	e = errno;
	close(k->fd);
	k->fd = -1;
	k->area = NULL;
	return -e;
}

/* Open n descriptors now, for threads that start after root is gone */
int kcov_pool_fill(unsigned int n)
{
	int r = 0;

	pthread_mutex_lock(&pool_lock);
	while (pooled < n && pooled < POOL_MAX) {
		r = kcov_prepare(&pool[pooled]);
		if (r)
			break;
		pooled++;
	}
	pthread_mutex_unlock(&pool_lock);
	return r;
}

/* Coverage for the calling thread from here on */
int kcov_open(struct kcov *k)
{
	int r = -ENOENT;

	if (!set)
		return -EINVAL;
	pthread_mutex_lock(&pool_lock);
	if (pooled) {
		*k = pool[--pooled];
		r = 0;
	}
	pthread_mutex_unlock(&pool_lock);
	if (r) {
		r = kcov_prepare(k);
		if (r)
			return r;
	}
	if (ioctl(k->fd, KCOV_ENABLE, KCOV_TRACE_PC)) {
		r = -errno;
		munmap(k->area, KCOV_WORDS * sizeof(unsigned long));
		close(k->fd);
		k->fd = -1;
		k->area = NULL;
	}
	return r;
}

void kcov_close(struct kcov *k)
{
	if (!k->area)
		return;
	ioctl(k->fd, KCOV_DISABLE, 0);
	munmap(k->area, KCOV_WORDS * sizeof(unsigned long));
	close(k->fd);
	k->area = NULL;
	k->fd = -1;
}

void kcov_start(struct kcov *k)
{
	if (k->area)
		__atomic_store_n(&k->area[0], 0, __ATOMIC_RELAXED);
}

/* Add what the last request reached; returns how many PCs were new */
unsigned int kcov_collect(struct kcov *k)
{
	unsigned long n, i;
	unsigned int fresh = 0;

	if (!k->area)
		return 0;
	n = __atomic_load_n(&k->area[0], __ATOMIC_RELAXED);
	if (n >= KCOV_WORDS)
		n = KCOV_WORDS - 1;
	pthread_mutex_lock(&set->lock);
	for (i = 0; i < n; i++)
		fresh += pcs_add(k->area[i + 1]);
	pthread_mutex_unlock(&set->lock);
	return fresh;
}

/* ------------------------------------------------------------ the .ko */

/*
 * The return addresses of the __sanitizer_cov_trace_pc calls in the .text
 * of the ELF image at p (what KCOV records), as offsets into .text.
 */
static unsigned int ko_sites(const uint8_t *p, size_t size, uint64_t **out)
{
	const Elf64_Ehdr *eh = (const void *)p;
	const Elf64_Shdr *sh;
	unsigned int i, text = 0, n = 0, cap = 0;
	uint64_t *v = NULL;

	*out = NULL;
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff > size ||
	    (size_t)eh->e_shnum * sizeof(*sh) > size - eh->e_shoff ||
	    eh->e_shstrndx >= eh->e_shnum)
		return 0;
	sh = (const void *)(p + eh->e_shoff);
	for (i = 1; i < eh->e_shnum; i++) {
		const Elf64_Shdr *ss = &sh[eh->e_shstrndx];

		if (ss->sh_offset + sh[i].sh_name < size &&
		    !strcmp((const char *)p + ss->sh_offset + sh[i].sh_name,
			    ".text"))
			text = i;
	}
	if (!text)
		return 0;
	for (i = 1; i < eh->e_shnum; i++) {
		const Elf64_Shdr *rs = &sh[i], *sym, *str;
		const Elf64_Rela *r;
		size_t k, nr;

		if (rs->sh_type != SHT_RELA || rs->sh_info != text ||
		    rs->sh_link >= eh->e_shnum)
			continue;
		sym = &sh[rs->sh_link];
		if (sym->sh_link >= eh->e_shnum)
			continue;
		str = &sh[sym->sh_link];
		if (rs->sh_offset > size || rs->sh_size > size - rs->sh_offset ||
		    sym->sh_offset > size || sym->sh_size > size - sym->sh_offset)
			continue;
		r = (const void *)(p + rs->sh_offset);
		nr = rs->sh_size / sizeof(*r);
		for (k = 0; k < nr; k++) {
			size_t si = ELF64_R_SYM(r[k].r_info);
			const Elf64_Sym *s;
			size_t name;

			if ((si + 1) * sizeof(*s) > sym->sh_size)
				continue;
			s = (const Elf64_Sym *)(p + sym->sh_offset) + si;
			name = str->sh_offset + s->st_name;
			if (name >= size || !memchr(p + name, 0, size - name) ||
			    strcmp((const char *)p + name,
				   "__sanitizer_cov_trace_pc"))
				continue;
			if (n == cap) {
				uint64_t *nv;

				cap = cap ? 2 * cap : 1024;
				nv = realloc(v, cap * sizeof(*v));
				if (!nv)
					break;
				v = nv;
			}
			/* call rel32: the relocated field ends the instruction */
			v[n++] = r[k].r_offset + 4;
		}
	}
	*out = v;
	return n;
}

static int read_file(const char *path, uint8_t **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return -EINVAL;
	}
	*len = (size_t)st.st_size;
	*buf = malloc(*len + 1);
	if (!*buf) {
		close(fd);
		return -ENOMEM;
	}
	r = read(fd, *buf, *len);
	close(fd);
	if (r != (ssize_t)*len) {
		free(*buf);
		return -EIO;
	}
	(*buf)[*len] = 0;
	return 0;
}

/*
 * Print, for each module, the instrumentation points reached; returns
 * the points reached in all of them (0 when nothing could be measured).
 */
unsigned int kcov_report(const char *dir)
{
	static const char *const mods[] = {
		"netgraph", "ng_echo", "ng_hole", "ng_tee", "ng_hub",
		"ng_one2many", "ng_ksocket", "ng_iface", "ng_eiface", "ng_bridge",
		"ng_vlan", "ng_ether",
	};
	unsigned int m, all = 0, hit_all = 0;
	char path[512];

	if (!set)
		return 0;
	printf("ngfuzz: kcov: %u distinct PCs\n", set->n);
	for (m = 0; m < sizeof(mods) / sizeof(mods[0]); m++) {
		unsigned long long base;
		uint8_t *ko, *t;
		uint64_t *sites;
		unsigned int n, i, hit = 0;
		size_t len;

		snprintf(path, sizeof(path), "/sys/module/%s/sections/.text",
			 mods[m]);
		if (read_file(path, &t, &len))
			continue;
		base = strtoull((char *)t, NULL, 16);
		free(t);
		snprintf(path, sizeof(path), "%s/%s.ko", dir, mods[m]);
		if (read_file(path, &ko, &len)) {
			printf("ngfuzz: kcov: %s: no %s\n", mods[m], path);
			continue;
		}
		n = ko_sites(ko, len, &sites);
		free(ko);
		for (i = 0; i < n; i++)
			hit += pcs_has(base + sites[i]);
		free(sites);
		if (!n) {
			printf("ngfuzz: kcov: %s: not instrumented\n", mods[m]);
			continue;
		}
		printf("ngfuzz: kcov: %s %u of %u points (%.1f%%)\n", mods[m],
		       hit, n, 100.0 * hit / n);
		all += n;
		hit_all += hit;
	}
	if (all)
		printf("ngfuzz: kcov: all modules %u of %u points (%.1f%%)\n",
		       hit_all, all, 100.0 * hit_all / all);
	return hit_all;
}
