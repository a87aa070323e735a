// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "hole" node type.
 *
 * Every packet is discarded and counted on the hook it arrived on.  Hooks
 * may have any name; the node shuts itself down when its last hook is
 * removed.  The counters of one hook are read and cleared with the
 * NGM_HOLE_*_STATS messages, which name the hook.
 *
 * rcvdata runs on several CPUs at once, so the counters are atomic64_t.  A
 * get-and-clear swaps each counter with zero, so no packet is lost; a packet
 * counted while the reply is being built may show up in "frames" of this
 * reply and in "octets" of the next one.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/string.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_hole.h"

struct ng_hole_hook {
	atomic64_t frames;
	atomic64_t octets;
};

static int ng_hole_constructor(struct ng_node *node)
{
	return 0;
}

/**
 * ng_hole_rcvmsg - handle a hole statistics message
 * @node: this node
 * @item: the message; its argument is a NUL-terminated hook name in a
 *	  buffer of NG_HOOKSIZ bytes
 *
 * Return:
 * * %0 - done; a reply was sent for GET_STATS and GETCLR_STATS
 * * %-EINVAL - unknown cookie or command, or the argument is not
 *   NG_HOOKSIZ bytes long
 * * %-ENOENT - the node has no hook of that name
 * * %-ENOMEM - no memory for the reply
 * * other - the error of ng_respond()
 */
static int ng_hole_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	const struct ng_mesg *msg = item->msg;
	u32 cmd = msg->header.cmd;
	struct ng_hole_hookstat *st;
	struct ng_mesg *resp = NULL;
	struct ng_hole_hook *hh;
	struct ng_hook *hook;

	if (msg->header.typecookie != NGM_HOLE_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "hole: unknown typecookie");
		return -EINVAL;
	}
	if (cmd != NGM_HOLE_GET_STATS && cmd != NGM_HOLE_CLR_STATS &&
	    cmd != NGM_HOLE_GETCLR_STATS) {
		NL_SET_ERR_MSG(item->extack, "hole: unknown cmd");
		return -EINVAL;
	}
	if (msg->header.arglen != NG_HOOKSIZ) {
		NL_SET_ERR_MSG(item->extack,
			       "hole: arglen must be NG_HOOKSIZ (a hook name buffer)");
		return -EINVAL;
	}
	/*
	 * A name filling the whole buffer without a NUL cannot match a hook
	 * (hook names are at most NG_HOOKSIZ - 1 characters): FreeBSD's
	 * lookup fails with ENOENT there too.
	 */
	hook = NULL;
	if (strnlen(msg->data, NG_HOOKSIZ) < NG_HOOKSIZ)
		hook = ng_node_find_hook(node, msg->data);
	if (!hook) {
		NL_SET_ERR_MSG(item->extack, "hole: no hook of that name");
		return -ENOENT;
	}
	hh = ng_hook_priv(hook);

	if (cmd == NGM_HOLE_CLR_STATS) {
		atomic64_set(&hh->frames, 0);
		atomic64_set(&hh->octets, 0);
		return 0;
	}

	resp = ng_mkresponse(msg, sizeof(*st), GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	st = (struct ng_hole_hookstat *)resp->data;
	if (cmd == NGM_HOLE_GETCLR_STATS) {
		st->frames = atomic64_xchg(&hh->frames, 0);
		st->octets = atomic64_xchg(&hh->octets, 0);
	} else {
		st->frames = atomic64_read(&hh->frames);
		st->octets = atomic64_read(&hh->octets);
	}
	return ng_respond(node, item, resp);
}

static int ng_hole_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_hole_hook *hh = ng_hook_priv(hook);

	atomic64_inc(&hh->frames);
	atomic64_add(skb->len, &hh->octets);
	consume_skb(skb);
	return 0;
}

static void ng_hole_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);

	if (ng_node_numhooks(node) == 0)
		ng_rmnode_self(node);
}

/* ASCII forms of the messages (FreeBSD's names) */
static const struct ng_parse_struct_field ng_hole_stats_fields[] = {
	{ "frames",	&ng_parse_uint64_type },
	{ "octets",	&ng_parse_uint64_type },
	{ NULL }
};

static const struct ng_parse_type ng_hole_stats_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_hole_stats_fields,
};

static const struct ng_cmdlist ng_hole_cmds[] = {
	{ NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, "getstats",
	  &ng_parse_hookbuf_type, &ng_hole_stats_type },
	{ NGM_HOLE_COOKIE, NGM_HOLE_CLR_STATS, "clrstats",
	  &ng_parse_hookbuf_type, NULL },
	{ NGM_HOLE_COOKIE, NGM_HOLE_GETCLR_STATS, "getclrstats",
	  &ng_parse_hookbuf_type, &ng_hole_stats_type },
	{ 0 }
};

static struct ng_type ng_hole_type = {
	.name		= NG_HOLE_NODE_TYPE,
	.owner		= THIS_MODULE,
	.hook_priv_size	= sizeof(struct ng_hole_hook),
	.constructor	= ng_hole_constructor,
	.rcvmsg		= ng_hole_rcvmsg,
	.rcvdata	= ng_hole_rcvdata,
	.disconnect	= ng_hole_disconnect,
	.cmdlist	= ng_hole_cmds,
};

NG_TYPE_MODULE(ng_hole_type, NG_HOLE_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph hole node type: discards and counts packets");
MODULE_ALIAS("ng_hole");
