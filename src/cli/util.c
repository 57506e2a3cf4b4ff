/* placeholder */ typedef int placeholder_util_t;
