// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: module entry points of the graph core (netgraph.ko).
 */
#include <linux/module.h>

#include <net/genetlink.h>

#include "core.h"

static int __init ng_init(void)
{
	int err;

	/*
	 * ORDER: the per-namespace graphs must exist before the netlink
	 * family is registered, since a request may arrive at once.
	 */
	err = ng_sock_type_init();
	if (err)
		goto err_sock_type;
	err = ng_netns_init();
	if (err)
		goto err_netns;
	err = ng_sock_init();
	if (err)
		goto err_sock;
	err = ng_genl_init();
	if (err)
		goto err_genl;
	pr_info("netgraph: loaded (message version %d, ABI %d)\n", NG_VERSION,
		NG_ABI_VERSION);
	return 0;

err_genl:
	ng_sock_exit();
err_sock:
	ng_netns_exit();
err_netns:
	ng_sock_type_exit();
err_sock_type:
	return err;
}

static void __exit ng_exit(void)
{
	/*
	 * ORDER: no new requests, no more socket-close shutdowns queued,
	 * then destroy every graph (the namespace teardown path, socket
	 * nodes included), then wait for the RCU callbacks freeing nodes and
	 * hooks before the module text goes away.
	 */
	ng_genl_exit();
	ng_sock_exit();
	ng_netns_exit();
	ng_sock_type_exit();
	rcu_barrier();
}

module_init(ng_init);
module_exit(ng_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph: FreeBSD's graph of network nodes for Linux");
MODULE_ALIAS_GENL_FAMILY(NETGRAPH_GENL_NAME);
