// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "one2many" node type.
 *
 * Hooks: "one" and "many0" .. "many63".  A packet from a many link goes out
 * of "one"; a packet from "one" goes to the active many links according to
 * the transmit algorithm: round robin, a copy to each (skb clones, see
 * Documentation/node-types.rst), or all to the first (lowest numbered)
 * active link.  A many link is active when it is connected and enabled.
 * Connecting a many hook enables it; removing it disables it.  With no
 * active link a packet from "one" is dropped with -ENOTCONN (it is still
 * counted as received on "one").
 *
 * With failAlg NG_ONE2MANY_FAIL_NOTIFY, NGM_LINK_IS_UP and NGM_LINK_IS_DOWN
 * arriving through a many hook enable and disable that link.  Whenever the
 * number of active links drops to zero or rises from zero, the node sends
 * NGM_LINK_IS_DOWN or NGM_LINK_IS_UP out of "one" (whatever failAlg is).
 *
 * Concurrency: the configuration and the hook pointers change only in
 * control context.  The data path reads the transmit algorithm and the list
 * of active links under a seqlock, so it never sees a half-updated list,
 * takes the round-robin position from an atomic counter, and counts into
 * atomic64_t statistics.
 */
#include <linux/atomic.h>
#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/seqlock.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_one2many.h"

struct ng_one2many_link {
	struct ng_hook *hook;	/* written in control context, read in rcvdata */
	atomic64_t recv_octets;
	atomic64_t recv_packets;
	atomic64_t xmit_octets;
	atomic64_t xmit_packets;
	atomic64_t mem_failures;
};

struct ng_one2many_priv {
	struct ng_node *node;
	struct ng_one2many_config conf;		/* control context only */
	struct ng_one2many_link one;
	struct ng_one2many_link many[NG_ONE2MANY_MAX_LINKS];

	/* the data path's view of @conf, rebuilt by ng_one2many_update() */
	seqlock_t lock;
	u32 xmit_alg;
	unsigned int num_active;
	u8 active[NG_ONE2MANY_MAX_LINKS];	/* link numbers, ascending */

	atomic_t next;				/* round-robin position */
};

/* hook private area */
struct ng_one2many_hook {
	int linknum;		/* NG_ONE2MANY_ONE_LINKNUM or 0..63 */
};

static struct ng_one2many_link *
ng_one2many_link(struct ng_one2many_priv *priv, int linknum)
{
	if (linknum == NG_ONE2MANY_ONE_LINKNUM)
		return &priv->one;
	return &priv->many[linknum];
}

static void ng_one2many_clear(struct ng_one2many_link *l)
{
	atomic64_set(&l->recv_octets, 0);
	atomic64_set(&l->recv_packets, 0);
	atomic64_set(&l->xmit_octets, 0);
	atomic64_set(&l->xmit_packets, 0);
	atomic64_set(&l->mem_failures, 0);
}

static void ng_one2many_fill(struct ng_one2many_link_stats *st,
			     struct ng_one2many_link *l, bool clear)
{
	if (clear) {
		st->recvOctets = atomic64_xchg(&l->recv_octets, 0);
		st->recvPackets = atomic64_xchg(&l->recv_packets, 0);
		st->xmitOctets = atomic64_xchg(&l->xmit_octets, 0);
		st->xmitPackets = atomic64_xchg(&l->xmit_packets, 0);
		st->memoryFailures = atomic64_xchg(&l->mem_failures, 0);
	} else {
		st->recvOctets = atomic64_read(&l->recv_octets);
		st->recvPackets = atomic64_read(&l->recv_packets);
		st->xmitOctets = atomic64_read(&l->xmit_octets);
		st->xmitPackets = atomic64_read(&l->xmit_packets);
		st->memoryFailures = atomic64_read(&l->mem_failures);
	}
}

/* Tell the node on "one" that we have no link any more, or one again. */
static void ng_one2many_notify(struct ng_one2many_priv *priv, u32 cmd)
{
	struct ng_mesg *msg;

	if (!priv->one.hook)
		return;
	msg = ng_mkmessage(NGM_FLOW_COOKIE, cmd,
			   cmd == NGM_LINK_IS_UP ? "linkup" : "linkdown", 0,
			   GFP_KERNEL);
	if (msg)
		ng_send_msg_hook(priv->node, priv->one.hook, msg);
}

/*
 * Recompute the active links after a change of the configuration or of the
 * set of hooks, and publish them with the transmit algorithm.  Control
 * context only.
 */
static void ng_one2many_update(struct ng_one2many_priv *priv)
{
	unsigned int old = priv->num_active;
	u8 active[NG_ONE2MANY_MAX_LINKS];
	unsigned int n = 0;
	int i;

	for (i = 0; i < NG_ONE2MANY_MAX_LINKS; i++)
		if (priv->many[i].hook && priv->conf.enabledLinks[i])
			active[n++] = i;

	write_seqlock_bh(&priv->lock);
	memcpy(priv->active, active, n);
	priv->num_active = n;
	priv->xmit_alg = priv->conf.xmitAlg;
	if (n)	/* keep the round-robin position, as FreeBSD does */
		atomic_set(&priv->next, (unsigned int)atomic_read(&priv->next) % n);
	write_sequnlock_bh(&priv->lock);

	if (n == 0 && old > 0)
		ng_one2many_notify(priv, NGM_LINK_IS_DOWN);
	else if (n > 0 && old == 0)
		ng_one2many_notify(priv, NGM_LINK_IS_UP);
}

static int ng_one2many_constructor(struct ng_node *node)
{
	struct ng_one2many_priv *priv = ng_node_priv(node);

	priv->node = node;
	priv->conf.xmitAlg = NG_ONE2MANY_XMIT_ROUNDROBIN;
	priv->conf.failAlg = NG_ONE2MANY_FAIL_MANUAL;
	priv->xmit_alg = NG_ONE2MANY_XMIT_ROUNDROBIN;
	seqlock_init(&priv->lock);
	return 0;
}

/*
 * Parse the link number of "many<N>": N is decimal, without a sign or a
 * leading zero, below NG_ONE2MANY_MAX_LINKS.  Return it, or -1.
 */
static int ng_one2many_parse_many(const char *s)
{
	int n = 0;

	if (!isdigit(*s) || (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (; *s; s++) {
		if (!isdigit(*s))
			return -1;
		n = n * 10 + (*s - '0');
		if (n >= NG_ONE2MANY_MAX_LINKS)
			return -1;
	}
	return n;
}

/**
 * ng_one2many_newhook - accept "one" or "many<N>"
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * A new many link starts enabled and its counters at zero.
 *
 * Return:
 * * %0 - accepted
 * * %-EINVAL - not "one" nor "many" followed by 0..63 (no leading zero)
 * * %-EISCONN - that link already has a hook
 */
static int ng_one2many_newhook(struct ng_node *node, struct ng_hook *hook,
			       const char *name)
{
	struct ng_one2many_priv *priv = ng_node_priv(node);
	struct ng_one2many_hook *oh = ng_hook_priv(hook);
	const size_t plen = strlen(NG_ONE2MANY_HOOK_MANY_PREFIX);
	struct ng_one2many_link *l;
	int linknum;

	if (!strncmp(name, NG_ONE2MANY_HOOK_MANY_PREFIX, plen)) {
		linknum = ng_one2many_parse_many(name + plen);
		if (linknum < 0)
			return -EINVAL;
	} else if (!strcmp(name, NG_ONE2MANY_HOOK_ONE)) {
		linknum = NG_ONE2MANY_ONE_LINKNUM;
	} else {
		return -EINVAL;
	}

	l = ng_one2many_link(priv, linknum);
	if (l->hook)
		return -EISCONN;
	oh->linknum = linknum;
	ng_one2many_clear(l);
	WRITE_ONCE(l->hook, hook);
	if (linknum != NG_ONE2MANY_ONE_LINKNUM) {
		priv->conf.enabledLinks[linknum] = 1;
		ng_one2many_update(priv);
	}
	return 0;
}

static int ng_one2many_setconfig(struct ng_one2many_priv *priv,
				 struct ng_msgitem *item)
{
	const struct ng_mesg *msg = item->msg;
	struct ng_one2many_config conf;
	int i;

	if (msg->header.arglen != sizeof(conf)) {
		NL_SET_ERR_MSG(item->extack,
			       "one2many: arglen must be sizeof(struct ng_one2many_config)");
		return -EINVAL;
	}
	memcpy(&conf, msg->data, sizeof(conf));
	switch (conf.xmitAlg) {
	case NG_ONE2MANY_XMIT_ROUNDROBIN:
	case NG_ONE2MANY_XMIT_ALL:
	case NG_ONE2MANY_XMIT_FAILOVER:
		break;
	default:
		NL_SET_ERR_MSG(item->extack, "one2many: bad xmitAlg");
		return -EINVAL;
	}
	switch (conf.failAlg) {
	case NG_ONE2MANY_FAIL_MANUAL:
	case NG_ONE2MANY_FAIL_NOTIFY:
		break;
	default:
		NL_SET_ERR_MSG(item->extack, "one2many: bad failAlg");
		return -EINVAL;
	}
	for (i = 0; i < NG_ONE2MANY_MAX_LINKS; i++)
		conf.enabledLinks[i] = !!conf.enabledLinks[i];
	priv->conf = conf;
	ng_one2many_update(priv);
	return 0;
}

static int ng_one2many_stats(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_one2many_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	u32 cmd = msg->header.cmd;
	struct ng_one2many_link *l;
	struct ng_mesg *resp;
	s32 linknum;

	if (msg->header.arglen != sizeof(linknum)) {
		NL_SET_ERR_MSG(item->extack,
			       "one2many: arglen must be 4 (an int32 link number)");
		return -EINVAL;
	}
	memcpy(&linknum, msg->data, sizeof(linknum));
	if (linknum != NG_ONE2MANY_ONE_LINKNUM &&
	    (linknum < 0 || linknum >= NG_ONE2MANY_MAX_LINKS)) {
		NL_SET_ERR_MSG(item->extack,
			       "one2many: link number must be -1 (one) or 0..63");
		return -EINVAL;
	}
	l = ng_one2many_link(priv, linknum);

	if (cmd == NGM_ONE2MANY_CLR_STATS) {
		ng_one2many_clear(l);
		return 0;
	}
	resp = ng_mkresponse(msg, sizeof(struct ng_one2many_link_stats),
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ng_one2many_fill((struct ng_one2many_link_stats *)resp->data, l,
			 cmd == NGM_ONE2MANY_GETCLR_STATS);
	return ng_respond(node, item, resp);
}

/*
 * A flow-control message: with failAlg "notify", link up/down news from a
 * many link enables or disables it.  Anything else is ignored (0).
 */
static int ng_one2many_flow(struct ng_one2many_priv *priv,
			    struct ng_msgitem *item)
{
	const struct ng_one2many_hook *oh;
	int linknum;

	if (priv->conf.failAlg != NG_ONE2MANY_FAIL_NOTIFY || !item->lasthook)
		return 0;
	oh = ng_hook_priv(item->lasthook);
	linknum = oh->linknum;
	if (linknum == NG_ONE2MANY_ONE_LINKNUM)
		return 0;

	switch (item->msg->header.cmd) {
	case NGM_LINK_IS_UP:
		priv->conf.enabledLinks[linknum] = 1;
		ng_one2many_update(priv);
		break;
	case NGM_LINK_IS_DOWN:
		priv->conf.enabledLinks[linknum] = 0;
		ng_one2many_update(priv);
		break;
	}
	return 0;
}

/**
 * ng_one2many_rcvmsg - configuration, statistics and flow-control messages
 * @node: this node
 * @item: the message
 *
 * Return:
 * * %0 - done (a reply was sent for GET_CONFIG, GET_STATS, GETCLR_STATS)
 * * %-EINVAL - unknown cookie or command; wrong argument length; bad
 *   xmitAlg or failAlg; link number not -1..63
 * * %-ENOMEM - no memory for the reply
 * * other - the error of ng_respond()
 */
static int ng_one2many_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_one2many_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_mesg *resp;

	if (msg->header.typecookie == NGM_FLOW_COOKIE)
		return ng_one2many_flow(priv, item);
	if (msg->header.typecookie != NGM_ONE2MANY_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "one2many: unknown typecookie");
		return -EINVAL;
	}

	switch (msg->header.cmd) {
	case NGM_ONE2MANY_SET_CONFIG:
		return ng_one2many_setconfig(priv, item);
	case NGM_ONE2MANY_GET_CONFIG:
		resp = ng_mkresponse(msg, sizeof(priv->conf), GFP_KERNEL);
		if (!resp)
			return -ENOMEM;
		memcpy(resp->data, &priv->conf, sizeof(priv->conf));
		return ng_respond(node, item, resp);
	case NGM_ONE2MANY_GET_STATS:
	case NGM_ONE2MANY_CLR_STATS:
	case NGM_ONE2MANY_GETCLR_STATS:
		return ng_one2many_stats(node, item);
	default:
		NL_SET_ERR_MSG(item->extack, "one2many: unknown cmd");
		return -EINVAL;
	}
}

/* Count and send @skb out of @node's link @l; @skb is consumed. */
static int ng_one2many_xmit(struct ng_node *node, struct ng_one2many_link *l,
			    struct sk_buff *skb)
{
	struct ng_hook *hook = READ_ONCE(l->hook);

	atomic64_add(skb->len, &l->xmit_octets);
	atomic64_inc(&l->xmit_packets);
	if (!hook) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return -ENOTCONN;
	}
	return ng_send_data(hook, skb);
}

/**
 * ng_one2many_rcvdata - move a packet between "one" and the many links
 * @hook: the arrival hook
 * @skb: the packet
 *
 * Return:
 * * %0 - sent
 * * %-ENOTCONN - from "one" with no active many link, or to a missing "one"
 * * %-ENOBUFS - transmit-all could not copy the packet; the original is
 *   dropped (copies already sent stay sent)
 * * other - the result of sending the packet (for transmit-all, the one
 *   that goes to the first active link)
 */
static int ng_one2many_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_one2many_priv *priv = ng_node_priv(node);
	int linknum = ((struct ng_one2many_hook *)ng_hook_priv(hook))->linknum;
	struct ng_one2many_link *src = ng_one2many_link(priv, linknum);
	u8 active[NG_ONE2MANY_MAX_LINKS];
	struct ng_one2many_link *l;
	struct sk_buff *copy;
	unsigned int seq, n, i;
	u32 alg;

	atomic64_add(skb->len, &src->recv_octets);
	atomic64_inc(&src->recv_packets);

	if (linknum != NG_ONE2MANY_ONE_LINKNUM)
		return ng_one2many_xmit(node, &priv->one, skb);

	do {
		seq = read_seqbegin(&priv->lock);
		alg = priv->xmit_alg;
		n = priv->num_active;
		memcpy(active, priv->active, n);
	} while (read_seqretry(&priv->lock, seq));

	if (n == 0) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return -ENOTCONN;
	}

	switch (alg) {
	case NG_ONE2MANY_XMIT_ROUNDROBIN:
		i = (unsigned int)atomic_inc_return(&priv->next) - 1;
		return ng_one2many_xmit(node, &priv->many[active[i % n]],
					skb);
	case NG_ONE2MANY_XMIT_ALL:
		/* copies to all but the first link, the original last */
		for (i = 1; i < n && ng_may_copy(node); i++) {
			l = &priv->many[active[i]];
			copy = skb_clone(skb, GFP_ATOMIC);
			if (!copy) {
				atomic64_inc(&l->mem_failures);
				ng_drop(node, skb, NG_DROP_NOMEM);
				return -ENOBUFS;
			}
			ng_one2many_xmit(node, l, copy);
		}
		return ng_one2many_xmit(node, &priv->many[active[0]], skb);
	default:	/* NG_ONE2MANY_XMIT_FAILOVER */
		return ng_one2many_xmit(node, &priv->many[active[0]], skb);
	}
}

static void ng_one2many_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_one2many_priv *priv = ng_node_priv(node);
	int linknum = ((struct ng_one2many_hook *)ng_hook_priv(hook))->linknum;

	if (linknum == NG_ONE2MANY_ONE_LINKNUM) {
		WRITE_ONCE(priv->one.hook, NULL);
	} else {
		WRITE_ONCE(priv->many[linknum].hook, NULL);
		priv->conf.enabledLinks[linknum] = 0;
		ng_one2many_update(priv);
	}
	if (ng_node_numhooks(node) == 0)
		ng_rmnode_self(node);
}

/* ASCII forms of the messages (FreeBSD's names) */
static const struct ng_parse_fixedarray_info ng_one2many_enabled_info = {
	.elementType = &ng_parse_uint8_type,
	.length = NG_ONE2MANY_MAX_LINKS,
};

static const struct ng_parse_type ng_one2many_enabled_type = {
	.supertype = &ng_parse_fixedarray_type,
	.info = &ng_one2many_enabled_info,
};

static const struct ng_parse_struct_field ng_one2many_config_fields[] = {
	{ "xmitAlg",		&ng_parse_uint32_type },
	{ "failAlg",		&ng_parse_uint32_type },
	{ "enabledLinks",	&ng_one2many_enabled_type },
	{ NULL }
};

static const struct ng_parse_type ng_one2many_config_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_one2many_config_fields,
};

static const struct ng_parse_struct_field ng_one2many_stats_fields[] = {
	{ "recvOctets",		&ng_parse_uint64_type },
	{ "recvPackets",	&ng_parse_uint64_type },
	{ "xmitOctets",		&ng_parse_uint64_type },
	{ "xmitPackets",	&ng_parse_uint64_type },
	{ "memoryFailures",	&ng_parse_uint64_type },
	{ NULL }
};

static const struct ng_parse_type ng_one2many_stats_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_one2many_stats_fields,
};

static const struct ng_cmdlist ng_one2many_cmds[] = {
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG, "setconfig",
	  &ng_one2many_config_type, NULL },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_CONFIG, "getconfig",
	  NULL, &ng_one2many_config_type },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS, "getstats",
	  &ng_parse_int32_type, &ng_one2many_stats_type },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_CLR_STATS, "clrstats",
	  &ng_parse_int32_type, NULL },
	{ NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GETCLR_STATS, "getclrstats",
	  &ng_parse_int32_type, &ng_one2many_stats_type },
	{ 0 }
};

static struct ng_type ng_one2many_type = {
	.name		= NG_ONE2MANY_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_one2many_priv),
	.hook_priv_size	= sizeof(struct ng_one2many_hook),
	.constructor	= ng_one2many_constructor,
	.rcvmsg		= ng_one2many_rcvmsg,
	.newhook	= ng_one2many_newhook,
	.rcvdata	= ng_one2many_rcvdata,
	.disconnect	= ng_one2many_disconnect,
	.cmdlist	= ng_one2many_cmds,
};

NG_TYPE_MODULE(ng_one2many_type, NG_ONE2MANY_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph one2many node type: multiplexes links");
MODULE_ALIAS("ng_one2many");
