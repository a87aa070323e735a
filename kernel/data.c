// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: moving packets between nodes.
 *
 * A packet is an sk_buff.  ng_send_data() hands it to the peer's rcvdata
 * directly, with bottom halves disabled (so the per-CPU nesting state below
 * cannot be interleaved) and inside an RCU read-side section (so teardown can
 * wait for packets in flight with synchronize_net()).
 *
 * Two bounds keep loops and deep graphs safe:
 *  - NG_MAX_DEPTH synchronous calls deep, a packet is queued instead and
 *    delivered from a work item, on a fresh stack;
 *  - a packet that has crossed NG_MAX_HOPS hops in total (counted across
 *    deferrals) is dropped and counted: a closed loop drains by itself.
 * While queued, a packet's skb->cb holds its destination hook (referenced)
 * and its hop count in its first NG_SKB_META_OFFSET bytes; the rest of
 * skb->cb is the packet's metadata (struct ng_skb_meta), which nodes read
 * and write and the core leaves alone.
 */
#include <linux/bottom_half.h>
#include <linux/percpu.h>

#include "core.h"

struct ng_xmit {
	unsigned int depth;	/* rcvdata calls nested on this CPU */
	unsigned int hops;	/* hop count of the packet being handled */
};

static DEFINE_PER_CPU(struct ng_xmit, ng_xmit);

/*
 * The core's part of skb->cb; what follows it is struct ng_skb_meta
 * (netgraph.h), which the core never writes.
 */
struct ng_skb_cb {
	struct ng_hook *dst;
	unsigned int hops;
} __packed;

#define NG_SKB_CB(skb) ((struct ng_skb_cb *)(skb)->cb)

static int ng_defer(struct ng_hook *dst, struct sk_buff *skb,
		    unsigned int hops)
{
	struct ng_net *ngn = dst->node->ngn;

	BUILD_BUG_ON(sizeof(struct ng_skb_cb) > NG_SKB_META_OFFSET);
	if (skb_queue_len(&ngn->defer_q) >= NG_DEFER_QLEN) {
		atomic64_inc(&ngn->queue_drops);
		kfree_skb(skb);
		return -ENOBUFS;
	}
	ng_hook_get(dst);
	NG_SKB_CB(skb)->dst = dst;
	NG_SKB_CB(skb)->hops = hops;
	skb_queue_tail(&ngn->defer_q, skb);
	atomic64_inc(&ngn->deferred);
	schedule_work(&ngn->defer_work);
	return 0;
}

/* BH disabled, RCU held: run @dst's rcvdata as hop @hops, or defer. */
static int ng_deliver(struct ng_hook *dst, struct sk_buff *skb,
		      unsigned int hops)
{
	struct ng_xmit *x = this_cpu_ptr(&ng_xmit);
	struct ng_type *type = dst->node->type;
	unsigned int saved;
	int ret;

	if (hops > NG_MAX_HOPS) {
		atomic64_inc(&dst->node->ngn->loop_drops);
		kfree_skb(skb);
		return -ELOOP;
	}
	if (x->depth >= NG_MAX_DEPTH)
		return ng_defer(dst, skb, hops);
	if (!type->rcvdata) {
		kfree_skb(skb);
		return 0;
	}
	saved = x->hops;
	x->hops = hops;
	x->depth++;
	ret = type->rcvdata(dst, skb);
	x->depth--;
	x->hops = saved;
	return ret;
}

int ng_send_data(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_hook *peer;
	struct ng_xmit *x;
	int ret;

	if (WARN_ON_ONCE(in_hardirq())) {
		kfree_skb(skb);
		return -EINVAL;
	}
	local_bh_disable();
	rcu_read_lock();
	peer = rcu_dereference(hook->peer);
	if (!peer || !ng_hook_is_valid(peer)) {
		kfree_skb(skb);
		ret = -ENOTCONN;
	} else {
		x = this_cpu_ptr(&ng_xmit);
		ret = ng_deliver(peer, skb, x->depth ? x->hops + 1 : 1);
	}
	rcu_read_unlock();
	local_bh_enable();
	return ret;
}
EXPORT_SYMBOL_GPL(ng_send_data);

/**
 * ng_data_inject - deliver @skb to @hook's node as if it arrived on @hook
 * @hook: a live hook (graph locked or otherwise pinned)
 * @skb: consumed
 *
 * Return: as for ng_send_data(); the packet starts at hop 0.
 */
int ng_data_inject(struct ng_hook *hook, struct sk_buff *skb)
{
	int ret;

	local_bh_disable();
	rcu_read_lock();
	ret = ng_deliver(hook, skb, 0);
	rcu_read_unlock();
	local_bh_enable();
	return ret;
}

#define NG_DEFER_BATCH 64

void ng_defer_work(struct work_struct *work)
{
	struct ng_net *ngn = container_of(work, struct ng_net, defer_work);
	struct sk_buff *skb;
	int n;

	for (n = 0; n < NG_DEFER_BATCH; n++) {
		struct ng_hook *dst;
		unsigned int hops;

		skb = skb_dequeue(&ngn->defer_q);
		if (!skb)
			return;
		dst = NG_SKB_CB(skb)->dst;
		hops = NG_SKB_CB(skb)->hops;
		local_bh_disable();
		rcu_read_lock();
		if (ng_hook_is_valid(dst))
			ng_deliver(dst, skb, hops);
		else
			kfree_skb(skb);
		rcu_read_unlock();
		local_bh_enable();
		ng_hook_put(dst);
	}
	/* More left: yield the worker and come back. */
	schedule_work(work);
}

/* Drain the deferral queue; no node of @ngn may be alive. */
void ng_defer_flush(struct ng_net *ngn)
{
	do {
		flush_work(&ngn->defer_work);
		ng_defer_work(&ngn->defer_work);
	} while (!skb_queue_empty(&ngn->defer_q));
	flush_work(&ngn->defer_work);
}
