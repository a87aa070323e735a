/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: tracepoints (netgraph:*), so perf, bpftrace and
 * tracefs see packets cross the graph and where it drops them.
 *
 *   ng_rcvdata: a packet delivered to a node's rcvdata through a hook
 *   ng_drop:    a packet the graph dropped, and why (the skb is then freed
 *               with kfree_skb_reason(), so skb:kfree_skb sees the
 *               nearest generic reason)
 *
 * Included by kernel/data.c only, which defines them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM netgraph

#if !defined(_NG_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _NG_TRACE_H

#include <linux/skbuff.h>
#include <linux/tracepoint.h>

#include "core.h"

#define NG_DROP_REASONS						\
	EM(NG_DROP_NOT_CONNECTED, "not-connected")		\
	EM(NG_DROP_HOP_LIMIT, "hop-limit")			\
	EM(NG_DROP_COPY_BUDGET, "copy-budget")			\
	EM(NG_DROP_DEFER_FULL, "defer-queue-full")		\
	EM(NG_DROP_QUEUE_FULL, "queue-full")			\
	EM(NG_DROP_NOMEM, "no-memory")				\
	EM(NG_DROP_NO_ADDRESS, "no-address")			\
	EM(NG_DROP_SEND_ERROR, "send-error")			\
	EM(NG_DROP_NO_HOOK, "no-hook")				\
	EM(NG_DROP_FILTERED, "filtered")			\
	EM(NG_DROP_TOO_SHORT, "too-short")			\
	EM(NG_DROP_INVALID, "invalid")				\
	EM(NG_DROP_TOO_BIG, "too-big")				\
	EMe(NG_DROP_DEV_DOWN, "device-down")

#undef EM
#undef EMe
#define EM(a, b)	TRACE_DEFINE_ENUM(a);
#define EMe(a, b)	TRACE_DEFINE_ENUM(a);
NG_DROP_REASONS
#undef EM
#undef EMe
#define EM(a, b)	{ a, b },
#define EMe(a, b)	{ a, b }

TRACE_EVENT(ng_rcvdata,
	TP_PROTO(const struct ng_hook *hook, const struct sk_buff *skb,
		 unsigned int hops),
	TP_ARGS(hook, skb, hops),
	TP_STRUCT__entry(
		__field(const void *, skbaddr)
		__field(u32, node)
		__field(unsigned int, len)
		__field(unsigned int, hops)
		__array(char, type, NG_TYPESIZ)
		__array(char, hook, NG_HOOKSIZ)
	),
	TP_fast_assign(
		__entry->skbaddr = skb;
		__entry->node = hook->node->id;
		__entry->len = skb->len;
		__entry->hops = hops;
		strscpy(__entry->type, hook->node->type->name, NG_TYPESIZ);
		strscpy(__entry->hook, hook->name, NG_HOOKSIZ);
	),
	TP_printk("node=[%x] type=%s hook=%s len=%u hops=%u skbaddr=%p",
		  __entry->node, __entry->type, __entry->hook, __entry->len,
		  __entry->hops, __entry->skbaddr)
);

TRACE_EVENT(ng_drop,
	TP_PROTO(const struct ng_node *node, const struct sk_buff *skb,
		 enum ng_drop_reason reason),
	TP_ARGS(node, skb, reason),
	TP_STRUCT__entry(
		__field(const void *, skbaddr)
		__field(u32, node)
		__field(unsigned int, len)
		__field(int, reason)
		__array(char, type, NG_TYPESIZ)
	),
	TP_fast_assign(
		__entry->skbaddr = skb;
		__entry->node = node ? node->id : 0;
		__entry->len = skb->len;
		__entry->reason = reason;
		strscpy(__entry->type, node ? node->type->name : "", NG_TYPESIZ);
	),
	TP_printk("node=[%x] type=%s len=%u reason=%s skbaddr=%p",
		  __entry->node, __entry->type, __entry->len,
		  __print_symbolic(__entry->reason, NG_DROP_REASONS),
		  __entry->skbaddr)
);

#endif /* _NG_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE ng_trace
#include <trace/define_trace.h>
