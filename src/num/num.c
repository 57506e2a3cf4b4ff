/* placeholder */ typedef int placeholder_num_t;
