// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "tee" node type.
 *
 * Hooks: "left", "right", "left2right" and "right2left".
 *
 *   input on      goes out                 and a copy goes out
 *   left          right (else left2right)  left2right (when right is there)
 *   right         left (else right2left)   right2left (when left is there)
 *   left2right    left                     -
 *   right2left    right                    -
 *
 * This is what FreeBSD's ng_tee.c does: a packet entering on left2right is
 * sent back out left, one entering on right2left out right, as if it came
 * from the other side; ng_tee(4) says the same.  The node-type list in
 * FreeBSD's netgraph(4) states the reverse (left2right to right, right2left
 * to left); we follow the code.
 *
 * Packets with no destination are dropped.  Copies are skb clones: they
 * share the packet data with the original (see Documentation/node-types.rst).
 *
 * Counters: in* on the arrival hook; out* on the hook a packet leaves by,
 * for the original whatever the send returns and for the copy only when its
 * send succeeded (as FreeBSD).  They are atomic64_t since rcvdata runs on
 * several CPUs at once.
 *
 * Flow-control messages (NGM_FLOW_COOKIE) arriving through left or right
 * are passed on out of that hook's destination.  When the node shuts down
 * while both left and right are connected, their peers are connected to
 * each other (FreeBSD's close() -> ng_bypass()).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_tee.h"

enum {
	NG_TEE_LEFT,
	NG_TEE_RIGHT,
	NG_TEE_LEFT2RIGHT,
	NG_TEE_RIGHT2LEFT,
	NG_TEE_NHOOKS
};

struct ng_tee_link {
	struct ng_hook *hook;	/* NULL when absent; read under RCU */
	atomic64_t in_octets;
	atomic64_t in_frames;
	atomic64_t out_octets;
	atomic64_t out_frames;
};

struct ng_tee_priv {
	struct ng_tee_link link[NG_TEE_NHOOKS];
};

/* hook private area: the index of the hook's link */
struct ng_tee_hook {
	int idx;
};

static const char *const ng_tee_names[NG_TEE_NHOOKS] = {
	[NG_TEE_LEFT]		= NG_TEE_HOOK_LEFT,
	[NG_TEE_RIGHT]		= NG_TEE_HOOK_RIGHT,
	[NG_TEE_LEFT2RIGHT]	= NG_TEE_HOOK_LEFT2RIGHT,
	[NG_TEE_RIGHT2LEFT]	= NG_TEE_HOOK_RIGHT2LEFT,
};

/*
 * Where input on each hook goes: the forward destination, and the tap that
 * gets a copy (or the packet itself when the forward destination is absent).
 */
static const struct {
	int fwd;
	int tap;
} ng_tee_route[NG_TEE_NHOOKS] = {
	[NG_TEE_LEFT]		= { NG_TEE_RIGHT, NG_TEE_LEFT2RIGHT },
	[NG_TEE_RIGHT]		= { NG_TEE_LEFT, NG_TEE_RIGHT2LEFT },
	[NG_TEE_LEFT2RIGHT]	= { NG_TEE_LEFT, -1 },
	[NG_TEE_RIGHT2LEFT]	= { NG_TEE_RIGHT, -1 },
};

static int ng_tee_constructor(struct ng_node *node)
{
	return 0;
}

static void ng_tee_clear(struct ng_tee_link *l)
{
	atomic64_set(&l->in_octets, 0);
	atomic64_set(&l->in_frames, 0);
	atomic64_set(&l->out_octets, 0);
	atomic64_set(&l->out_frames, 0);
}

/**
 * ng_tee_newhook - accept one of the four hook names
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * Return:
 * * %0 - accepted; the hook's counters start at zero
 * * %-EINVAL - not a tee hook name
 * * %-EISCONN - that hook already exists
 */
static int ng_tee_newhook(struct ng_node *node, struct ng_hook *hook,
			  const char *name)
{
	struct ng_tee_priv *priv = ng_node_priv(node);
	struct ng_tee_hook *th = ng_hook_priv(hook);
	struct ng_tee_link *l;
	int i;

	for (i = 0; i < NG_TEE_NHOOKS; i++)
		if (!strcmp(name, ng_tee_names[i]))
			break;
	if (i == NG_TEE_NHOOKS)
		return -EINVAL;
	l = &priv->link[i];
	if (l->hook)
		return -EISCONN;
	ng_tee_clear(l);
	th->idx = i;
	WRITE_ONCE(l->hook, hook);
	return 0;
}

static void ng_tee_fill(struct ng_tee_hookstat *hs, struct ng_tee_link *l,
			bool clear)
{
	if (clear) {
		hs->inOctets = atomic64_xchg(&l->in_octets, 0);
		hs->inFrames = atomic64_xchg(&l->in_frames, 0);
		hs->outOctets = atomic64_xchg(&l->out_octets, 0);
		hs->outFrames = atomic64_xchg(&l->out_frames, 0);
	} else {
		hs->inOctets = atomic64_read(&l->in_octets);
		hs->inFrames = atomic64_read(&l->in_frames);
		hs->outOctets = atomic64_read(&l->out_octets);
		hs->outFrames = atomic64_read(&l->out_frames);
	}
}

/*
 * Pass a flow-control message that came in through left or right on out of
 * that hook's destination, as FreeBSD does.  Anything else is ignored.
 */
static int ng_tee_flow(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_tee_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_hook *out = NULL;
	struct ng_mesg *copy;
	int in, r;

	if (!item->lasthook)
		return 0;
	in = ((struct ng_tee_hook *)ng_hook_priv(item->lasthook))->idx;
	if (in != NG_TEE_LEFT && in != NG_TEE_RIGHT)
		return 0;
	r = ng_tee_route[in].fwd;
	if (priv->link[r].hook)
		out = priv->link[r].hook;
	else if (priv->link[ng_tee_route[in].tap].hook)
		out = priv->link[ng_tee_route[in].tap].hook;
	if (!out)
		return 0;

	copy = ng_copymessage(msg, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	return ng_send_msg_hook(node, out, copy);
}

/**
 * ng_tee_rcvmsg - statistics and flow-control messages
 * @node: this node
 * @item: the message
 *
 * The statistics commands ignore any argument, as FreeBSD's do.
 *
 * Return:
 * * %0 - done (a reply was sent for GET_STATS and GETCLR_STATS)
 * * %-EINVAL - unknown cookie or command
 * * %-ENOMEM - no memory for the reply or for the forwarded message
 * * other - the error of ng_respond() or ng_send_msg_hook()
 */
static int ng_tee_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_tee_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	u32 cmd = msg->header.cmd;
	struct ng_tee_stats *st;
	struct ng_mesg *resp;
	bool clear;
	int i;

	if (msg->header.typecookie == NGM_FLOW_COOKIE)
		return ng_tee_flow(node, item);
	if (msg->header.typecookie != NGM_TEE_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "tee: unknown typecookie");
		return -EINVAL;
	}

	switch (cmd) {
	case NGM_TEE_CLR_STATS:
		for (i = 0; i < NG_TEE_NHOOKS; i++)
			ng_tee_clear(&priv->link[i]);
		return 0;
	case NGM_TEE_GET_STATS:
	case NGM_TEE_GETCLR_STATS:
		break;
	default:
		NL_SET_ERR_MSG(item->extack, "tee: unknown cmd");
		return -EINVAL;
	}

	resp = ng_mkresponse(msg, sizeof(*st), GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	st = (struct ng_tee_stats *)resp->data;
	clear = cmd == NGM_TEE_GETCLR_STATS;
	ng_tee_fill(&st->right, &priv->link[NG_TEE_RIGHT], clear);
	ng_tee_fill(&st->left, &priv->link[NG_TEE_LEFT], clear);
	ng_tee_fill(&st->right2left, &priv->link[NG_TEE_RIGHT2LEFT], clear);
	ng_tee_fill(&st->left2right, &priv->link[NG_TEE_LEFT2RIGHT], clear);
	return ng_respond(node, item, resp);
}

/**
 * ng_tee_rcvdata - forward a packet and copy it to the tap
 * @hook: the arrival hook
 * @skb: the packet
 *
 * Return:
 * * %0 - sent, or dropped because there is no destination
 * * other - the result of sending the original (a failed copy is not
 *   reported)
 */
static int ng_tee_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_tee_priv *priv = ng_node_priv(ng_hook_node(hook));
	int in = ((struct ng_tee_hook *)ng_hook_priv(hook))->idx;
	struct ng_tee_link *src = &priv->link[in];
	struct ng_tee_link *dest = NULL, *dup = NULL;
	struct ng_hook *dest_hook, *dup_hook = NULL;
	unsigned int len = skb->len;
	int fwd = ng_tee_route[in].fwd;
	int tap = ng_tee_route[in].tap;
	struct sk_buff *copy;

	atomic64_add(len, &src->in_octets);
	atomic64_inc(&src->in_frames);

	dest_hook = READ_ONCE(priv->link[fwd].hook);
	if (dest_hook) {
		dest = &priv->link[fwd];
		if (tap >= 0) {
			dup_hook = READ_ONCE(priv->link[tap].hook);
			if (dup_hook)
				dup = &priv->link[tap];
		}
	} else if (tap >= 0) {
		dest_hook = READ_ONCE(priv->link[tap].hook);
		if (dest_hook)
			dest = &priv->link[tap];
	}

	if (dup) {
		/* a failed copy does not hold up the original */
		copy = ng_may_copy(ng_hook_node(hook)) ?
		       skb_clone(skb, GFP_ATOMIC) : NULL;
		if (copy && ng_send_data(dup_hook, copy) == 0) {
			atomic64_add(len, &dup->out_octets);
			atomic64_inc(&dup->out_frames);
		}
	}
	if (!dest) {
		ng_drop(ng_hook_node(hook), skb, NG_DROP_NO_HOOK);
		return 0;
	}
	atomic64_add(len, &dest->out_octets);
	atomic64_inc(&dest->out_frames);
	return ng_send_data(dest_hook, skb);
}

/* Shutting down: leave the left and right neighbours connected. */
static void ng_tee_close(struct ng_node *node)
{
	struct ng_tee_priv *priv = ng_node_priv(node);
	struct ng_hook *left = priv->link[NG_TEE_LEFT].hook;
	struct ng_hook *right = priv->link[NG_TEE_RIGHT].hook;

	if (left && right)
		ng_bypass(left, right);
}

static void ng_tee_disconnect(struct ng_hook *hook)
{
	struct ng_tee_priv *priv = ng_node_priv(ng_hook_node(hook));
	int idx = ((struct ng_tee_hook *)ng_hook_priv(hook))->idx;
	struct ng_node *node = ng_hook_node(hook);

	WRITE_ONCE(priv->link[idx].hook, NULL);
	if (ng_node_numhooks(node) == 0)
		ng_rmnode_self(node);
}

/* ASCII forms of the messages (FreeBSD's names) */
static const struct ng_parse_struct_field ng_tee_hookstat_fields[] = {
	{ "inOctets",	&ng_parse_uint64_type },
	{ "inFrames",	&ng_parse_uint64_type },
	{ "outOctets",	&ng_parse_uint64_type },
	{ "outFrames",	&ng_parse_uint64_type },
	{ NULL }
};

static const struct ng_parse_type ng_tee_hookstat_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_tee_hookstat_fields,
};

static const struct ng_parse_struct_field ng_tee_stats_fields[] = {
	{ "right",	&ng_tee_hookstat_type },
	{ "left",	&ng_tee_hookstat_type },
	{ "right2left",	&ng_tee_hookstat_type },
	{ "left2right",	&ng_tee_hookstat_type },
	{ NULL }
};

static const struct ng_parse_type ng_tee_stats_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_tee_stats_fields,
};

static const struct ng_cmdlist ng_tee_cmds[] = {
	{ NGM_TEE_COOKIE, NGM_TEE_GET_STATS, "getstats",
	  NULL, &ng_tee_stats_type },
	{ NGM_TEE_COOKIE, NGM_TEE_CLR_STATS, "clrstats", NULL, NULL },
	{ NGM_TEE_COOKIE, NGM_TEE_GETCLR_STATS, "getclrstats",
	  NULL, &ng_tee_stats_type },
	{ 0 }
};

static struct ng_type ng_tee_type = {
	.name		= NG_TEE_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_tee_priv),
	.hook_priv_size	= sizeof(struct ng_tee_hook),
	.constructor	= ng_tee_constructor,
	.rcvmsg		= ng_tee_rcvmsg,
	.close		= ng_tee_close,
	.newhook	= ng_tee_newhook,
	.rcvdata	= ng_tee_rcvdata,
	.disconnect	= ng_tee_disconnect,
	.cmdlist	= ng_tee_cmds,
};

NG_TYPE_MODULE(ng_tee_type, NG_TEE_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph tee node type: forwards and copies packets");
MODULE_ALIAS("ng_tee");
