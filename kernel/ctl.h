/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: control operations on a namespace's graph.
 *
 * These are the entry points the generic-netlink layer uses; the KUnit
 * suites use them too.  Each takes the graph lock of @net, does its work and
 * completes every shutdown it caused before returning.  Paths use FreeBSD's
 * address syntax ("name:", "[id]:", ".:", "name:hook1.hook2", "hook").  A
 * path of "." or ".:" has no node to refer to from netlink and yields
 * -EINVAL.  @extack may be NULL.
 */
#ifndef _NG_CTL_H
#define _NG_CTL_H

#include "netgraph.h"

/*
 * Deliver @msg (always consumed, even on error; allocate it with
 * ng_mkmessage() or kvmalloc()).  Reply: *@resp (kvfree() it) when the node
 * answered synchronously, else NULL.
 */
int ng_ctl_msg(struct net *net, const char *path, struct ng_mesg *msg,
	       struct ng_mesg **resp, struct netlink_ext_ack *extack);
int ng_ctl_mkpeer(struct net *net, const char *path, const char *type,
		  const char *ourhook, const char *peerhook, u32 *newid,
		  struct netlink_ext_ack *extack);
int ng_ctl_connect(struct net *net, const char *path, const char *peerpath,
		   const char *ourhook, const char *peerhook,
		   struct netlink_ext_ack *extack);
int ng_ctl_name(struct net *net, const char *path, const char *name,
		struct netlink_ext_ack *extack);
int ng_ctl_rmhook(struct net *net, const char *path, const char *hook,
		  struct netlink_ext_ack *extack);
int ng_ctl_shutdown(struct net *net, const char *path,
		    struct netlink_ext_ack *extack);
int ng_ctl_nodeinfo(struct net *net, const char *path, struct nodeinfo *ni,
		    struct netlink_ext_ack *extack);
/* Deliver @skb (consumed) to the node at @path as arriving on @hook. */
int ng_ctl_inject(struct net *net, const char *path, const char *hook,
		  struct sk_buff *skb, struct netlink_ext_ack *extack);

#endif /* _NG_CTL_H */
