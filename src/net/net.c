/* placeholder */ typedef int placeholder_net_t;
