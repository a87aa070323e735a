// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: moving packets between nodes.
 *
 * A packet is an sk_buff.  ng_send_data() hands it to the peer's rcvdata
 * directly, with bottom halves disabled (so the per-CPU nesting state below
 * cannot be interleaved) and inside an RCU read-side section (so teardown can
 * wait for packets in flight with synchronize_net()).
 *
 * Three bounds keep loops, fan-out and deep graphs safe:
 *  - NG_MAX_DEPTH synchronous calls deep, a packet is queued instead and
 *    delivered from a work item, on a fresh stack;
 *  - a packet that has crossed NG_MAX_HOPS hops in total (counted across
 *    deferrals) is dropped and counted: a closed loop drains by itself;
 *  - copies: a packet entering the graph (from outside, or injected) gets
 *    a budget of ng_max_copies sends beyond the first of each rcvdata
 *    call.  The first send of a rcvdata call (the packet going on) is
 *    free, every further one (a copy, as a hub or tee makes) spends one,
 *    and a deferred packet takes half of what is left with it.  So one
 *    packet causes at most ng_max_copies + 1 chains of at most
 *    NG_MAX_HOPS deliveries, however the graph multiplies it (two hubs
 *    joined by several hook pairs would otherwise double it every hop).
 * While queued, a packet's skb->cb holds its destination hook (referenced),
 * its hop count and its copy budget in its first NG_SKB_META_OFFSET bytes;
 * the rest of skb->cb is the packet's metadata (struct ng_skb_meta), which
 * nodes read and write and the core leaves alone.
 */
#include <linux/bottom_half.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>

#include "core.h"

#define CREATE_TRACE_POINTS
#include "ng_trace.h"

/* Per CPU, valid while bottom halves are disabled around a delivery. */
struct ng_xmit {
	unsigned int depth;	/* rcvdata calls nested on this CPU */
	unsigned int hops;	/* hop count of the packet being handled */
	unsigned int sent;	/* sends by the innermost rcvdata so far */
	unsigned int budget;	/* copies the packet's family may still make */
};

static DEFINE_PER_CPU(struct ng_xmit, ng_xmit);

/*
 * The core's part of skb->cb; what follows it is struct ng_skb_meta
 * (netgraph.h), which the core never writes.
 */
struct ng_skb_cb {
	struct ng_hook *dst;
	u16 hops;
	u16 budget;
} __packed;

#define NG_SKB_CB(skb) ((struct ng_skb_cb *)(skb)->cb)

static int ng_defer(struct ng_hook *dst, struct sk_buff *skb,
		    unsigned int hops, unsigned int budget)
{
	struct ng_net *ngn = dst->node->ngn;
	struct sk_buff_head *q = &ngn->defer_q;
	unsigned long flags;

	BUILD_BUG_ON(sizeof(struct ng_skb_cb) > NG_SKB_META_OFFSET);
	ng_hook_get(dst);
	NG_SKB_CB(skb)->dst = dst;
	NG_SKB_CB(skb)->hops = hops;
	NG_SKB_CB(skb)->budget = budget;
	spin_lock_irqsave(&q->lock, flags);
	if (ngn->defer_closed || skb_queue_len(q) >= NG_DEFER_QLEN) {
		spin_unlock_irqrestore(&q->lock, flags);
		atomic64_inc(&ngn->queue_drops);
		ng_drop(dst->node, skb, NG_DROP_DEFER_FULL);
		ng_hook_put(dst);
		return -ENOBUFS;
	}
	__skb_queue_tail(q, skb);
	/* ORDER: under the lock, so ng_defer_close() cancels it. */
	schedule_work(&ngn->defer_work);
	spin_unlock_irqrestore(&q->lock, flags);
	atomic64_inc(&ngn->deferred);
	return 0;
}

/* BH disabled, RCU held: run @dst's rcvdata as hop @hops, or defer. */
static int ng_deliver(struct ng_hook *dst, struct sk_buff *skb,
		      unsigned int hops)
{
	struct ng_xmit *x = this_cpu_ptr(&ng_xmit);
	struct ng_type *type = dst->node->type;
	unsigned int saved_hops, saved_sent, share;
	int ret;

	if (hops > NG_MAX_HOPS) {
		atomic64_inc(&dst->node->ngn->loop_drops);
		ng_drop(dst->node, skb, NG_DROP_HOP_LIMIT);
		return -ELOOP;
	}
	if (x->depth >= NG_MAX_DEPTH) {
		share = x->budget / 2;
		x->budget -= share;
		return ng_defer(dst, skb, hops, share);
	}
	if (!type->rcvdata) {
		ng_drop(dst->node, skb, NG_DROP_FILTERED);
		return 0;
	}
	trace_ng_rcvdata(dst, skb, hops);
	saved_hops = x->hops;
	saved_sent = x->sent;
	x->hops = hops;
	x->sent = 0;
	x->depth++;
	ret = type->rcvdata(dst, skb);
	x->depth--;
	x->sent = saved_sent;
	x->hops = saved_hops;
	return ret;
}

/* The budget of a packet entering the graph. */
static unsigned int ng_fresh_budget(void)
{
	return min_t(unsigned int, READ_ONCE(ng_max_copies), U16_MAX);
}

int ng_send_data(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_hook *peer;
	unsigned int hops;
	struct ng_xmit *x;
	int ret;

	if (WARN_ON_ONCE(in_hardirq())) {
		ng_drop(hook->node, skb, NG_DROP_INVALID);
		return -EINVAL;
	}
	local_bh_disable();
	rcu_read_lock();
	x = this_cpu_ptr(&ng_xmit);
	peer = rcu_dereference(hook->peer);
	if (!peer || !ng_hook_is_valid(peer)) {
		ng_drop(hook->node, skb, NG_DROP_NOT_CONNECTED);
		ret = -ENOTCONN;
		goto out;
	}
	if (!x->depth) {
		/* A packet entering the graph. */
		x->budget = ng_fresh_budget();
		hops = 1;
	} else {
		hops = x->hops + 1;
		if (x->sent++) {
			/* A copy: the first send of a rcvdata call is free. */
			if (!x->budget) {
				atomic64_inc(&peer->node->ngn->loop_drops);
				ng_drop(peer->node, skb, NG_DROP_COPY_BUDGET);
				ret = -ELOOP;
				goto out;
			}
			x->budget--;
		}
	}
	ret = ng_deliver(peer, skb, hops);
out:
	rcu_read_unlock();
	local_bh_enable();
	return ret;
}
EXPORT_SYMBOL_GPL(ng_send_data);

void ng_drop(const struct ng_node *node, struct sk_buff *skb,
	     enum ng_drop_reason reason)
{
	enum skb_drop_reason why;

	trace_ng_drop(node, skb, reason);
	/* the nearest reason both 6.1 and 6.12 know; the rest unspecified */
	switch (reason) {
	case NG_DROP_DEFER_FULL:
	case NG_DROP_QUEUE_FULL:
		why = SKB_DROP_REASON_FULL_RING;
		break;
	case NG_DROP_NOMEM:
		why = SKB_DROP_REASON_NOMEM;
		break;
	case NG_DROP_TOO_SHORT:
		why = SKB_DROP_REASON_PKT_TOO_SMALL;
		break;
	case NG_DROP_TOO_BIG:
		why = SKB_DROP_REASON_PKT_TOO_BIG;
		break;
	case NG_DROP_DEV_DOWN:
		why = SKB_DROP_REASON_DEV_READY;
		break;
	default:
		why = SKB_DROP_REASON_NOT_SPECIFIED;
		break;
	}
	kfree_skb_reason(skb, why);
}
EXPORT_SYMBOL_GPL(ng_drop);

bool ng_may_copy(struct ng_node *node)
{
	struct ng_xmit *x = this_cpu_ptr(&ng_xmit);

	if (!x->depth || !x->sent || x->budget)
		return true;
	atomic64_inc(&node->ngn->loop_drops);
	return false;
}
EXPORT_SYMBOL_GPL(ng_may_copy);

/**
 * ng_data_inject - deliver @skb to @hook's node as if it arrived on @hook
 * @hook: a live hook (graph locked or otherwise pinned)
 * @skb: consumed
 *
 * Return: as for ng_send_data(); the packet starts at hop 0 with a fresh
 * copy budget.
 */
int ng_data_inject(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_xmit *x;
	int ret;

	local_bh_disable();
	rcu_read_lock();
	x = this_cpu_ptr(&ng_xmit);
	if (!x->depth)
		x->budget = ng_fresh_budget();
	ret = ng_deliver(hook, skb, 0);
	rcu_read_unlock();
	local_bh_enable();
	return ret;
}

int ng_skb_from_stack(struct sk_buff *skb)
{
	/* Zero-copy pages of a user's send become the kernel's own. */
	if (skb_orphan_frags_rx(skb, GFP_ATOMIC))
		return -ENOMEM;
	skb_orphan(skb);
	skb_scrub_packet(skb, true);
	skb->dev = NULL;
	ng_skb_meta_clear(skb);
	return 0;
}
EXPORT_SYMBOL_GPL(ng_skb_from_stack);

int ng_skb_to_stack(struct sk_buff *skb, struct net_device *dev,
		    unsigned int hlen)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		int start = skb_checksum_start_offset(skb);

		/* The sum must start past the link-layer header and go in
		 * the packet's head. */
		if (start < (int)hlen ||
		    start + skb->csum_offset + sizeof(__sum16) > skb_headlen(skb))
			return -EINVAL;
	} else {
		skb->ip_summed = CHECKSUM_NONE;
	}
	skb->csum_valid = 0;
	skb->encapsulation = 0;
	__vlan_hwaccel_clear_tag(skb);
	skb_orphan(skb);
	skb_scrub_packet(skb, true);
	skb->priority = 0;
	ng_skb_meta_clear(skb);
	skb->dev = dev;
	return 0;
}
EXPORT_SYMBOL_GPL(ng_skb_to_stack);

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
		if (ng_hook_is_valid(dst)) {
			this_cpu_write(ng_xmit.budget, NG_SKB_CB(skb)->budget);
			ng_deliver(dst, skb, hops);
		} else {
			ng_drop(dst->node, skb, NG_DROP_NOT_CONNECTED);
		}
		rcu_read_unlock();
		local_bh_enable();
		ng_hook_put(dst);
		cond_resched();
	}
	/* More left: yield the worker and come back. */
	spin_lock_irq(&ngn->defer_q.lock);
	if (!ngn->defer_closed)
		schedule_work(work);
	spin_unlock_irq(&ngn->defer_q.lock);
}

/**
 * ng_defer_close - refuse new deferrals, drop the queued ones, stop the worker
 * @ngn: a namespace whose nodes are all dead (pre_exit)
 *
 * After this returns the work item neither runs nor can be queued again.
 */
void ng_defer_close(struct ng_net *ngn)
{
	struct sk_buff_head list;
	struct sk_buff *skb;

	__skb_queue_head_init(&list);
	spin_lock_irq(&ngn->defer_q.lock);
	ngn->defer_closed = true;
	skb_queue_splice_init(&ngn->defer_q, &list);
	spin_unlock_irq(&ngn->defer_q.lock);
	cancel_work_sync(&ngn->defer_work);
	while ((skb = __skb_dequeue(&list))) {
		struct ng_hook *dst = NG_SKB_CB(skb)->dst;

		ng_drop(dst->node, skb, NG_DROP_NOT_CONNECTED);
		ng_hook_put(dst);
	}
}
