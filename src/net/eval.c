/* placeholder */ typedef int placeholder_eval_t;
