/* placeholder */ typedef int placeholder_split_t;
