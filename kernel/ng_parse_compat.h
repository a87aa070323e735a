/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: what ng_parse.c needs from the kernel, so that the
 * same source also builds as plain C in userland (host tests, fuzzing).
 */
#ifndef _NG_PARSE_COMPAT_H
#define _NG_PARSE_COMPAT_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define GFP_KERNEL		0
#define kmalloc(n, f)		malloc(n)
#define kzalloc(n, f)		calloc(1, (n))
#define kcalloc(n, s, f)	calloc((n), (s))
#define kfree(p)		free(p)
#define EXPORT_SYMBOL_GPL(s)	extern int ng_parse_compat_unused_
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif
#endif /* __KERNEL__ */

#endif /* _NG_PARSE_COMPAT_H */
