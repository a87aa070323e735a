// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "bridge" node type, FreeBSD's learning Ethernet
 * bridge.
 *
 * Hooks "link<N>" (N = 0 .. 4294967295) and "uplink<N>" (N >= 1) carry
 * whole Ethernet frames.  The node learns which link each source address
 * is heard on; a unicast frame to a known host goes out of that link only
 * (or nowhere, if that is where it came from); multicast, broadcast and
 * frames to unknown hosts are flooded.  Uplinks do not learn, and always
 * get frames to unknown hosts; links get them too unless an uplink was
 * once connected while the node had no other link (FreeBSD's
 * "restrictive mode", for good).
 *
 * Loops: a host heard on a second link within minStableAge seconds of
 * arriving on the first is a loop.  The second link is muted (its frames
 * dropped) for loopTimeout seconds and forgets its hosts.  Hosts not heard
 * for maxStaleness seconds are forgotten.
 *
 * Concurrency: rcvdata learns itself (FreeBSD sends itself a MOVE_HOST
 * message instead, to get its writer lock): the table is an rhashtable
 * read under RCU; every change to it, to a host's link or age and to a
 * link's mute count and host list is made under @lock.  A host's
 * staleness is reset locklessly by the frames it sends (a reset that
 * races with the tick may be lost: the host is then forgotten a second
 * early and learned again).  A once-a-second work item (only while there
 * are hosts or muted links) ages the hosts and unmutes links.
 * Hosts are charged to the memory cgroup of the node's creator and
 * bounded by NG_BRIDGE_MAX_HOSTS.
 */
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/module.h>
#include <linux/rhashtable.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_bridge.h"

#define NG_BRIDGE_LOOP_TIMEOUT		60
#define NG_BRIDGE_MAX_STALENESS		(15 * 60)	/* as ARP's */
#define NG_BRIDGE_MIN_STABLE_AGE	1

/* The counters of a link, in struct ng_bridge_link_stats's order */
enum {
	NG_BS_RECV_OCTETS,
	NG_BS_RECV_PACKETS,
	NG_BS_RECV_MULTICASTS,
	NG_BS_RECV_BROADCASTS,
	NG_BS_RECV_UNKNOWN,
	NG_BS_RECV_RUNTS,
	NG_BS_RECV_INVALID,
	NG_BS_XMIT_OCTETS,
	NG_BS_XMIT_PACKETS,
	NG_BS_XMIT_MULTICASTS,
	NG_BS_XMIT_BROADCASTS,
	NG_BS_LOOP_DROPS,
	NG_BS_LOOP_DETECTS,
	NG_BS_MEMORY_FAILURES,
	NG_BS_COUNT
};

/* hook private area: one link */
struct ng_bridge_link {
	struct ng_hook *hook;
	bool uplink;		/* does not learn */
	bool send_unknown;	/* gets unicast frames to unknown hosts */
	bool counted;		/* connected: in num_links */
	u16 loop_count;		/* seconds left muted; written under @lock */
	struct list_head hosts;	/* its hosts, under @lock */
	atomic64_t stats[NG_BS_COUNT];
};

struct ng_bridge_host {
	struct rhash_head node;
	u8 addr[ETH_ALEN];
	u16 age;			/* written under @lock */
	u16 staleness;			/* reset by rcvdata, aged under @lock */
	struct ng_bridge_link *link;	/* written under @lock */
	struct list_head list;		/* in the node's hosts, under @lock */
	struct list_head link_list;	/* in its link's hosts, under @lock */
	struct rcu_head rcu;
};

struct ng_bridge_priv {
	struct ng_node *node;
	struct ng_bridge_config conf;	/* control context writes */
	struct mem_cgroup *memcg;	/* the creator's: hosts are charged to it */
	struct delayed_work tick;

	spinlock_t lock;		/* the table's and the hosts' writers */
	struct rhashtable table;
	struct list_head hosts;
	unsigned int num_hosts;

	/* control context only */
	unsigned int num_links;
	bool send_unknown;
	bool persistent;
};

static const struct rhashtable_params ng_bridge_params = {
	.head_offset		= offsetof(struct ng_bridge_host, node),
	.key_offset		= offsetof(struct ng_bridge_host, addr),
	.key_len		= ETH_ALEN,
	.max_size		= NG_BRIDGE_MAX_HOSTS,	/* 128 KiB of buckets */
	.automatic_shrinking	= true,
};

static void ng_bridge_count(struct ng_bridge_link *l, int i, u64 n)
{
	atomic64_add(n, &l->stats[i]);
}

/*
 * Log a loop (debugLevel 2 and more), rate limited.  The node by its ID:
 * its name may change under us, its hooks' names never do.
 */
static void ng_bridge_log_loop(struct ng_bridge_priv *priv,
			       struct ng_bridge_link *l, bool restored)
{
	if (READ_ONCE(priv->conf.debugLevel) < 2)
		return;
	if (restored)
		pr_info_ratelimited("[%x]: restoring looped back %s\n",
				    ng_node_id(priv->node),
				    ng_hook_name(l->hook));
	else
		pr_warn_ratelimited("[%x]: loopback detected on %s\n",
				    ng_node_id(priv->node),
				    ng_hook_name(l->hook));
}

static void ng_bridge_tick_start(struct ng_bridge_priv *priv)
{
	queue_delayed_work(system_power_efficient_wq, &priv->tick, HZ);
}

static void ng_bridge_host_del(struct ng_bridge_priv *priv,
			       struct ng_bridge_host *host)
{
	lockdep_assert_held(&priv->lock);
	rhashtable_remove_fast(&priv->table, &host->node, ng_bridge_params);
	list_del(&host->list);
	list_del(&host->link_list);
	priv->num_hosts--;
	kfree_rcu(host, rcu);
}

/* Forget the hosts on link @l, or all hosts if @l is NULL. */
static void ng_bridge_forget(struct ng_bridge_priv *priv,
			     struct ng_bridge_link *l)
{
	struct ng_bridge_host *host, *tmp;

	lockdep_assert_held(&priv->lock);
	if (l)
		list_for_each_entry_safe(host, tmp, &l->hosts, link_list)
			ng_bridge_host_del(priv, host);
	else
		list_for_each_entry_safe(host, tmp, &priv->hosts, list)
			ng_bridge_host_del(priv, host);
}

/**
 * ng_bridge_put - learn that host @addr is on link @l
 * @priv: the node
 * @addr: the host's (unicast) address
 * @l: the link it was heard on
 *
 * A known host moves to @l if it has been on its link for minStableAge
 * seconds; sooner, @l is looped back: it is muted for loopTimeout seconds
 * and forgets its hosts.  From rcvdata or control context.
 *
 * Return:
 * * %0 - the host is on @l
 * * %-ELOOP - a loop was detected; @l is muted
 * * %-ENOSPC - the table has NG_BRIDGE_MAX_HOSTS hosts
 * * %-ENOMEM - no memory for a new host (or for the table to grow)
 */
static int ng_bridge_put(struct ng_bridge_priv *priv, const u8 *addr,
			 struct ng_bridge_link *l)
{
	struct ng_bridge_host *host;
	struct mem_cgroup *old;
	int err = 0;

	spin_lock_bh(&priv->lock);
	host = rhashtable_lookup_fast(&priv->table, addr, ng_bridge_params);
	if (host) {
		if (host->link == l)
			goto out;
		if (host->age >= READ_ONCE(priv->conf.minStableAge)) {
			WRITE_ONCE(host->link, l);
			WRITE_ONCE(host->age, 0);
			list_move_tail(&host->link_list, &l->hosts);
			goto out;
		}
		WRITE_ONCE(l->loop_count,
			   min_t(u32, READ_ONCE(priv->conf.loopTimeout), U16_MAX));
		ng_bridge_count(l, NG_BS_LOOP_DETECTS, 1);
		ng_bridge_forget(priv, l);
		err = -ELOOP;
		goto start;
	}
	if (priv->num_hosts >= NG_BRIDGE_MAX_HOSTS) {
		err = -ENOSPC;
		goto out;
	}
	old = set_active_memcg(priv->memcg);
	host = kzalloc(sizeof(*host), GFP_ATOMIC | __GFP_ACCOUNT);
	set_active_memcg(old);
	if (!host) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(host->addr, addr, ETH_ALEN);	/* addr may be unaligned */
	host->link = l;
	err = rhashtable_insert_fast(&priv->table, &host->node,
				     ng_bridge_params);
	if (err) {
		kfree(host);
		err = -ENOMEM;
		goto out;
	}
	list_add_tail(&host->list, &priv->hosts);
	list_add_tail(&host->link_list, &l->hosts);
	priv->num_hosts++;
start:
	ng_bridge_tick_start(priv);
out:
	spin_unlock_bh(&priv->lock);
	if (err == -ELOOP)
		ng_bridge_log_loop(priv, l, false);
	return err;
}

/*
 * Once a second while there are hosts or muted links: age the hosts,
 * forget the stale ones, count down the muted links.
 */
static void ng_bridge_tick(struct work_struct *work)
{
	struct ng_bridge_priv *priv =
		container_of(to_delayed_work(work), struct ng_bridge_priv, tick);
	u32 max = READ_ONCE(priv->conf.maxStaleness);
	struct ng_bridge_host *host, *tmp;
	struct ng_bridge_link *l;
	struct ng_hook *hook;
	bool again;

	spin_lock_bh(&priv->lock);
	list_for_each_entry_safe(host, tmp, &priv->hosts, list) {
		u16 s = READ_ONCE(host->staleness);

		if (s < U16_MAX)
			s++;
		if (s >= max) {
			ng_bridge_host_del(priv, host);
			continue;
		}
		WRITE_ONCE(host->staleness, s);
		if (host->age < U16_MAX)
			WRITE_ONCE(host->age, host->age + 1);
	}
	again = priv->num_hosts > 0;
	rcu_read_lock();
	ng_node_for_each_hook_rcu(priv->node, hook) {
		l = ng_hook_priv(hook);
		if (!l->loop_count)
			continue;
		WRITE_ONCE(l->loop_count, l->loop_count - 1);
		if (l->loop_count)
			again = true;
		else
			ng_bridge_log_loop(priv, l, true);
	}
	rcu_read_unlock();
	if (again)
		ng_bridge_tick_start(priv);
	spin_unlock_bh(&priv->lock);
}

static int ng_bridge_constructor(struct ng_node *node)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);
	int err;

	priv->node = node;
	priv->conf.debugLevel = 1;
	priv->conf.loopTimeout = NG_BRIDGE_LOOP_TIMEOUT;
	priv->conf.maxStaleness = NG_BRIDGE_MAX_STALENESS;
	priv->conf.minStableAge = NG_BRIDGE_MIN_STABLE_AGE;
	priv->send_unknown = true;
	spin_lock_init(&priv->lock);
	INIT_LIST_HEAD(&priv->hosts);
	INIT_DELAYED_WORK(&priv->tick, ng_bridge_tick);
	err = rhashtable_init(&priv->table, &ng_bridge_params);
	if (err)
		return err;
	/* hosts are learned for whoever made the node */
	priv->memcg = get_mem_cgroup_from_mm(current->mm);
	return 0;
}

static void ng_bridge_shutdown(struct ng_node *node)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);

	/* no hook is left: nothing learns or arms the tick any more */
	cancel_delayed_work_sync(&priv->tick);
	spin_lock_bh(&priv->lock);
	ng_bridge_forget(priv, NULL);
	spin_unlock_bh(&priv->lock);
	rhashtable_destroy(&priv->table);
	mem_cgroup_put(priv->memcg);
	priv->memcg = NULL;
}

/*
 * "link<N>" or "uplink<N>": N as FreeBSD prints it (decimal, no sign, no
 * leading zero), 0..4294967295, not 0 for an uplink.
 */
static int ng_bridge_parse_hook(const char *name, bool *uplink)
{
	char canon[NG_HOOKSIZ];
	const char *prefix;
	u32 n;

	*uplink = !strncmp(name, NG_BRIDGE_HOOK_UPLINK_PREFIX,
			   strlen(NG_BRIDGE_HOOK_UPLINK_PREFIX));
	prefix = *uplink ? NG_BRIDGE_HOOK_UPLINK_PREFIX :
			   NG_BRIDGE_HOOK_LINK_PREFIX;
	if (strncmp(name, prefix, strlen(prefix)) ||
	    kstrtou32(name + strlen(prefix), 10, &n))
		return -EINVAL;
	snprintf(canon, sizeof(canon), "%s%u", prefix, n);
	if (strcmp(canon, name) || (*uplink && n == 0))
		return -EINVAL;
	return 0;
}

/**
 * ng_bridge_newhook - accept a link or an uplink
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * Return:
 * * %0 - accepted
 * * %-EINVAL - not "link<N>" or "uplink<N>" (N > 0) as FreeBSD prints N
 */
static int ng_bridge_newhook(struct ng_node *node, struct ng_hook *hook,
			     const char *name)
{
	struct ng_bridge_link *l = ng_hook_priv(hook);
	bool uplink;

	if (ng_bridge_parse_hook(name, &uplink)) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "bridge: hooks are link<N> and uplink<N> (N > 0 for an uplink)");
		return -EINVAL;
	}
	l->hook = hook;
	l->uplink = uplink;
	INIT_LIST_HEAD(&l->hosts);
	return 0;
}

/**
 * ng_bridge_connect - refuse a link to the node itself, count the others
 * @hook: the hook being connected
 *
 * An uplink connected while the node has no other link puts the node in
 * restrictive mode, for good: links connected later get no frames to
 * unknown hosts.  (A link can still end up joined to its own bridge when
 * a node between them is bypassed; loop detection and the graph's hop
 * bound deal with that.)
 *
 * Return: 0, or -ELOOP if both ends are this node's.
 */
static int ng_bridge_connect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_link *l = ng_hook_priv(hook);

	if (ng_hook_pair_node(hook) == node) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "bridge: a link cannot lead back to the bridge itself");
		return -ELOOP;
	}
	if (l->uplink) {
		l->send_unknown = true;
		if (priv->num_links == 0)
			priv->send_unknown = false;
	} else {
		l->send_unknown = priv->send_unknown;
	}
	l->counted = true;
	priv->num_links++;
	return 0;
}

static void ng_bridge_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_link *l = ng_hook_priv(hook);

	spin_lock_bh(&priv->lock);
	ng_bridge_forget(priv, l);
	spin_unlock_bh(&priv->lock);
	if (l->counted)
		priv->num_links--;
	if (ng_node_numhooks(node) == 0 && !priv->persistent)
		ng_rmnode_self(node);
}

/* ------------------------------------------------------------ messages */

static void ng_bridge_fill_stats(struct ng_bridge_link_stats *st,
				 struct ng_bridge_link *l, bool clear)
{
	u64 v[NG_BS_COUNT];
	int i;

	BUILD_BUG_ON(sizeof(*st) != sizeof(v));
	for (i = 0; i < NG_BS_COUNT; i++)
		v[i] = clear ? atomic64_xchg(&l->stats[i], 0) :
			       atomic64_read(&l->stats[i]);
	memcpy(st, v, sizeof(v));
}

static void ng_bridge_clear_stats(struct ng_bridge_link *l)
{
	int i;

	for (i = 0; i < NG_BS_COUNT; i++)
		atomic64_set(&l->stats[i], 0);
}

static int ng_bridge_stats(struct ng_node *node, struct ng_msgitem *item)
{
	const struct ng_mesg *msg = item->msg;
	char name[NG_HOOKSIZ];
	struct ng_bridge_link *l;
	struct ng_mesg *resp;
	struct ng_hook *hook;
	s32 num;

	if (msg->header.arglen != sizeof(num)) {
		NL_SET_ERR_MSG(item->extack,
			       "bridge: arglen must be 4 (a link number, -N for uplinkN)");
		return -EINVAL;
	}
	memcpy(&num, msg->data, sizeof(num));
	if (num < 0)
		snprintf(name, sizeof(name), "%s%u",
			 NG_BRIDGE_HOOK_UPLINK_PREFIX, (u32)-(s64)num);
	else
		snprintf(name, sizeof(name), "%s%u",
			 NG_BRIDGE_HOOK_LINK_PREFIX, (u32)num);
	hook = ng_node_find_hook(node, name);
	if (!hook) {
		NG_ERR(item->extack, "bridge: no such link",
		       "bridge: no hook %s", name);
		return -ENOTCONN;
	}
	l = ng_hook_priv(hook);
	if (msg->header.cmd == NGM_BRIDGE_CLR_STATS) {
		ng_bridge_clear_stats(l);
		return 0;
	}
	resp = ng_mkresponse(msg, sizeof(struct ng_bridge_link_stats),
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ng_bridge_fill_stats((struct ng_bridge_link_stats *)resp->data, l,
			     msg->header.cmd == NGM_BRIDGE_GETCLR_STATS);
	return ng_respond(node, item, resp);
}

/*
 * The table as it is when the reply is filled: hosts learned after the
 * reply was sized are left out.
 */
static int ng_bridge_gettable(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_host_ary *ary;
	struct ng_bridge_hostent *e;
	struct ng_bridge_host *host;
	unsigned int n, i = 0;
	struct ng_mesg *resp;

	spin_lock_bh(&priv->lock);
	n = priv->num_hosts;
	spin_unlock_bh(&priv->lock);
	resp = ng_mkresponse(item->msg, struct_size(ary, hosts, n),
			     GFP_KERNEL_ACCOUNT);
	if (!resp)
		return -ENOMEM;
	ary = (struct ng_bridge_host_ary *)resp->data;
	spin_lock_bh(&priv->lock);
	list_for_each_entry(host, &priv->hosts, list) {
		if (i == n)
			break;
		e = &ary->hosts[i++];
		memcpy(e->addr, host->addr, ETH_ALEN);
		strscpy(e->hook, ng_hook_name(host->link->hook),
			sizeof(e->hook));
		e->age = host->age;
		e->staleness = READ_ONCE(host->staleness);
	}
	spin_unlock_bh(&priv->lock);
	ary->numHosts = i;
	resp->header.arglen = struct_size(ary, hosts, i);
	return ng_respond(node, item, resp);
}

static int ng_bridge_movehost(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_move_host mh;
	struct ng_hook *hook;
	int err;

	if (item->msg->header.arglen != sizeof(mh)) {
		NL_SET_ERR_MSG(item->extack,
			       "bridge: arglen must be sizeof(struct ng_bridge_move_host)");
		return -EINVAL;
	}
	memcpy(&mh, item->msg->data, sizeof(mh));
	if (!memchr(mh.hook, '\0', sizeof(mh.hook))) {
		NL_SET_ERR_MSG(item->extack, "bridge: hook name not terminated");
		return -EINVAL;
	}
	if (is_multicast_ether_addr(mh.addr)) {
		NL_SET_ERR_MSG(item->extack,
			       "bridge: a host has a unicast address");
		return -EINVAL;
	}
	hook = mh.hook[0] ? ng_node_find_hook(node, mh.hook) : item->lasthook;
	if (!hook) {
		NL_SET_ERR_MSG(item->extack, "bridge: no such link");
		return -ENOENT;
	}
	err = ng_bridge_put(priv, mh.addr, ng_hook_priv(hook));
	if (err == -ELOOP)
		NL_SET_ERR_MSG(item->extack,
			       "bridge: the host moved too soon: link muted as looped back");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(item->extack, "bridge: the host table is full");
	return err;
}

static void ng_bridge_reset(struct ng_node *node)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_link *l;
	struct ng_hook *hook;

	spin_lock_bh(&priv->lock);
	ng_bridge_forget(priv, NULL);
	rcu_read_lock();
	ng_node_for_each_hook_rcu(node, hook) {
		l = ng_hook_priv(hook);
		WRITE_ONCE(l->loop_count, 0);
		ng_bridge_clear_stats(l);
	}
	rcu_read_unlock();
	spin_unlock_bh(&priv->lock);
}

/**
 * ng_bridge_rcvmsg - configuration, statistics and table messages
 * @node: this node
 * @item: the message
 *
 * Return:
 * * %0 - done (a reply was sent for GET_CONFIG, GET_STATS, GETCLR_STATS,
 *   GET_TABLE)
 * * %-EINVAL - unknown cookie or command, wrong argument length, a
 *   MOVE_HOST of a multicast address or with an unterminated hook name
 * * %-ENOTCONN - the statistics of a link that is not connected
 * * %-ENOENT - MOVE_HOST to a hook the node does not have
 * * %-ELOOP, %-ENOSPC - MOVE_HOST: see ng_bridge_put()
 * * %-ENOMEM - no memory for the reply or the host
 * * other - the error of ng_respond()
 */
static int ng_bridge_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_bridge_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_bridge_config conf;
	struct ng_mesg *resp;

	if (msg->header.typecookie != NGM_BRIDGE_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "bridge: unknown typecookie");
		return -EINVAL;
	}
	switch (msg->header.cmd) {
	case NGM_BRIDGE_SET_CONFIG:
		if (msg->header.arglen != sizeof(conf)) {
			NL_SET_ERR_MSG(item->extack,
				       "bridge: arglen must be sizeof(struct ng_bridge_config)");
			return -EINVAL;
		}
		memcpy(&conf, msg->data, sizeof(conf));
		WRITE_ONCE(priv->conf.debugLevel, conf.debugLevel);
		WRITE_ONCE(priv->conf.loopTimeout, conf.loopTimeout);
		WRITE_ONCE(priv->conf.maxStaleness, conf.maxStaleness);
		WRITE_ONCE(priv->conf.minStableAge, conf.minStableAge);
		return 0;
	case NGM_BRIDGE_GET_CONFIG:
		resp = ng_mkresponse(msg, sizeof(conf), GFP_KERNEL);
		if (!resp)
			return -ENOMEM;
		memcpy(resp->data, &priv->conf, sizeof(conf));
		return ng_respond(node, item, resp);
	case NGM_BRIDGE_RESET:
		ng_bridge_reset(node);
		return 0;
	case NGM_BRIDGE_GET_STATS:
	case NGM_BRIDGE_CLR_STATS:
	case NGM_BRIDGE_GETCLR_STATS:
		return ng_bridge_stats(node, item);
	case NGM_BRIDGE_GET_TABLE:
		return ng_bridge_gettable(node, item);
	case NGM_BRIDGE_SET_PERSISTENT:
		priv->persistent = true;
		return 0;
	case NGM_BRIDGE_MOVE_HOST:
		return ng_bridge_movehost(node, item);
	default:
		NL_SET_ERR_MSG(item->extack, "bridge: unknown cmd");
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ data */

/* Send @skb (consumed) out of link @l and count it. */
static int ng_bridge_send(struct ng_bridge_link *l, int manycast,
			  struct sk_buff *skb)
{
	unsigned int len = skb->len;
	int err = ng_send_data(l->hook, skb);

	if (err) {
		if (err == -ENOMEM)
			ng_bridge_count(l, NG_BS_MEMORY_FAILURES, 1);
		return err;
	}
	ng_bridge_count(l, NG_BS_XMIT_PACKETS, 1);
	ng_bridge_count(l, NG_BS_XMIT_OCTETS, len);
	if (manycast == 1)
		ng_bridge_count(l, NG_BS_XMIT_MULTICASTS, 1);
	else if (manycast == 2)
		ng_bridge_count(l, NG_BS_XMIT_BROADCASTS, 1);
	return 0;
}

/* Drop @skb, which came in on @node's link @l, counting it in @stat. */
static int ng_bridge_drop(struct ng_node *node, struct ng_bridge_link *l,
			  int stat, struct sk_buff *skb,
			  enum ng_drop_reason reason, int err)
{
	ng_bridge_count(l, stat, 1);
	ng_drop(node, skb, reason);
	return err;
}

/**
 * ng_bridge_rcvdata - learn the frame's source, forward or flood it
 * @hook: the link it came from
 * @skb: an Ethernet frame
 *
 * Return:
 * * %0 - forwarded, flooded, addressed to a host on its own link, or
 *   dropped for want of a link to flood it to
 * * %-EINVAL - dropped: shorter than an Ethernet header, or from a
 *   multicast source address
 * * %-ELOOP - dropped: the link is muted, or the source host moved too
 *   soon
 * * %-ENOBUFS - no memory to pull up the header or for a copy
 * * other - the error of a send (the last one, when flooding)
 */
static int ng_bridge_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_bridge_priv *priv = ng_node_priv(node);
	struct ng_bridge_link *in = ng_hook_priv(hook);
	struct ng_bridge_link *l, *first = NULL, *hlink = NULL;
	struct ng_bridge_host *host;
	const struct ethhdr *eh;
	struct sk_buff *copy;
	struct ng_hook *h;
	int manycast = 0, err = 0, e;
	u16 hage = 0;

	if (skb->len < ETH_HLEN)
		return ng_bridge_drop(node, in, NG_BS_RECV_RUNTS, skb,
				      NG_DROP_TOO_SHORT, -EINVAL);
	if (!pskb_may_pull(skb, ETH_HLEN))
		return ng_bridge_drop(node, in, NG_BS_MEMORY_FAILURES, skb,
				      NG_DROP_NOMEM, -ENOBUFS);
	eh = (const struct ethhdr *)skb->data;
	if (is_multicast_ether_addr(eh->h_source))
		return ng_bridge_drop(node, in, NG_BS_RECV_INVALID, skb,
				      NG_DROP_INVALID, -EINVAL);
	if (READ_ONCE(in->loop_count))
		return ng_bridge_drop(node, in, NG_BS_LOOP_DROPS, skb,
				      NG_DROP_FILTERED, -ELOOP);

	ng_bridge_count(in, NG_BS_RECV_PACKETS, 1);
	ng_bridge_count(in, NG_BS_RECV_OCTETS, skb->len);
	if (is_multicast_ether_addr(eh->h_dest)) {
		manycast = is_broadcast_ether_addr(eh->h_dest) ? 2 : 1;
		ng_bridge_count(in, manycast == 2 ? NG_BS_RECV_BROADCASTS :
				NG_BS_RECV_MULTICASTS, 1);
	}

	/* learn (FreeBSD judges the frame on the host as it was before) */
	host = rhashtable_lookup(&priv->table, eh->h_source, ng_bridge_params);
	if (host) {
		if (READ_ONCE(host->staleness))
			WRITE_ONCE(host->staleness, 0);
		hlink = READ_ONCE(host->link);
		hage = READ_ONCE(host->age);
	}
	if ((!host && !in->uplink) || (host && hlink != in)) {
		e = ng_bridge_put(priv, eh->h_source, in);
		if (e == -ENOMEM || e == -ENOSPC)
			ng_bridge_count(in, NG_BS_MEMORY_FAILURES, 1);
	}
	if (host && hlink != in && hage < READ_ONCE(priv->conf.minStableAge))
		return ng_bridge_drop(node, in, NG_BS_LOOP_DROPS, skb,
				      NG_DROP_FILTERED, -ELOOP);

	if (!manycast) {
		host = rhashtable_lookup(&priv->table, eh->h_dest,
					 ng_bridge_params);
		if (host) {
			l = READ_ONCE(host->link);
			if (l == in) {
				/* its own segment delivered it: not a drop */
				consume_skb(skb);
				return 0;
			}
			return ng_bridge_send(l, 0, skb);
		}
		ng_bridge_count(in, NG_BS_RECV_UNKNOWN, 1);
	}

	/* flood: copies to all but the first link, the original last */
	ng_node_for_each_hook_rcu(node, h) {
		l = ng_hook_priv(h);
		if (l == in || (!manycast && !l->send_unknown))
			continue;
		if (!first) {
			first = l;
			continue;
		}
		if (!ng_may_copy(node))
			break;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			ng_bridge_count(in, NG_BS_MEMORY_FAILURES, 1);
			err = -ENOBUFS;
			break;
		}
		e = ng_bridge_send(l, manycast, copy);
		if (e)
			err = e;
	}
	if (!first) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		return err;
	}
	e = ng_bridge_send(first, manycast, skb);
	return e ?: err;
}

/* ------------------------------------------------------------ ASCII */

static int ng_bridge_table_len(const struct ng_parse_type *type,
			       const u8 *start, const u8 *buf)
{
	u32 n;

	memcpy(&n, buf - sizeof(n), sizeof(n));
	return min_t(u32, n, NG_BRIDGE_MAX_HOSTS);
}

static const struct ng_parse_struct_field ng_bridge_hostent_fields[] = {
	{ "addr",	&ng_parse_enaddr_type },
	{ "hook",	&ng_parse_hookbuf_type },
	{ "age",	&ng_parse_uint16_type },
	{ "staleness",	&ng_parse_uint16_type },
	{ NULL }
};

static const struct ng_parse_type ng_bridge_hostent_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_bridge_hostent_fields,
};

static const struct ng_parse_array_info ng_bridge_hosts_info = {
	.elementType = &ng_bridge_hostent_type,
	.getLength = ng_bridge_table_len,
};

static const struct ng_parse_type ng_bridge_hosts_type = {
	.supertype = &ng_parse_array_type,
	.info = &ng_bridge_hosts_info,
};

static const struct ng_parse_struct_field ng_bridge_host_ary_fields[] = {
	{ "numHosts",	&ng_parse_uint32_type },
	{ "hosts",	&ng_bridge_hosts_type },
	{ NULL }
};

static const struct ng_parse_type ng_bridge_host_ary_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_bridge_host_ary_fields,
};

static const struct ng_parse_struct_field ng_bridge_config_fields[] = {
	{ "debugLevel",		&ng_parse_uint8_type },
	{ "loopTimeout",	&ng_parse_uint32_type },
	{ "maxStaleness",	&ng_parse_uint32_type },
	{ "minStableAge",	&ng_parse_uint32_type },
	{ NULL }
};

static const struct ng_parse_type ng_bridge_config_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_bridge_config_fields,
};

/* FreeBSD's ASCII names (recvMulticast, recvBroadcast: singular) */
static const struct ng_parse_struct_field ng_bridge_stats_fields[] = {
	{ "recvOctets",		&ng_parse_uint64_type },
	{ "recvPackets",	&ng_parse_uint64_type },
	{ "recvMulticast",	&ng_parse_uint64_type },
	{ "recvBroadcast",	&ng_parse_uint64_type },
	{ "recvUnknown",	&ng_parse_uint64_type },
	{ "recvRunts",		&ng_parse_uint64_type },
	{ "recvInvalid",	&ng_parse_uint64_type },
	{ "xmitOctets",		&ng_parse_uint64_type },
	{ "xmitPackets",	&ng_parse_uint64_type },
	{ "xmitMulticasts",	&ng_parse_uint64_type },
	{ "xmitBroadcasts",	&ng_parse_uint64_type },
	{ "loopDrops",		&ng_parse_uint64_type },
	{ "loopDetects",	&ng_parse_uint64_type },
	{ "memoryFailures",	&ng_parse_uint64_type },
	{ NULL }
};

static const struct ng_parse_type ng_bridge_stats_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_bridge_stats_fields,
};

static const struct ng_parse_struct_field ng_bridge_move_host_fields[] = {
	{ "addr",	&ng_parse_enaddr_type },
	{ "hook",	&ng_parse_hookbuf_type },
	{ NULL }
};

static const struct ng_parse_type ng_bridge_move_host_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_bridge_move_host_fields,
};

static const struct ng_cmdlist ng_bridge_cmds[] = {
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_CONFIG, "setconfig",
	  &ng_bridge_config_type, NULL },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_CONFIG, "getconfig",
	  NULL, &ng_bridge_config_type },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_RESET, "reset", NULL, NULL },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_STATS, "getstats",
	  &ng_parse_uint32_type, &ng_bridge_stats_type },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_CLR_STATS, "clrstats",
	  &ng_parse_uint32_type, NULL },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GETCLR_STATS, "getclrstats",
	  &ng_parse_uint32_type, &ng_bridge_stats_type },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_TABLE, "gettable",
	  NULL, &ng_bridge_host_ary_type },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_PERSISTENT, "setpersistent",
	  NULL, NULL },
	{ NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST, "movehost",
	  &ng_bridge_move_host_type, NULL },
	{ 0 }
};

static struct ng_type ng_bridge_type = {
	.name		= NG_BRIDGE_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_bridge_priv),
	.hook_priv_size	= sizeof(struct ng_bridge_link),
	.constructor	= ng_bridge_constructor,
	.rcvmsg		= ng_bridge_rcvmsg,
	.shutdown	= ng_bridge_shutdown,
	.newhook	= ng_bridge_newhook,
	.connect	= ng_bridge_connect,
	.rcvdata	= ng_bridge_rcvdata,
	.disconnect	= ng_bridge_disconnect,
	.cmdlist	= ng_bridge_cmds,
};

NG_TYPE_MODULE(ng_bridge_type, NG_BRIDGE_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph bridge node type: a learning Ethernet bridge");
MODULE_ALIAS("ng_bridge");
