"""What kidsafe learns from its labelled corpus: loading it, features, training and evaluation."""
