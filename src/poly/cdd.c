/* placeholder */ typedef int placeholder_cdd_t;
